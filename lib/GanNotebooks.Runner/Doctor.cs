using GanNotebooks.Runner.Kernel;

namespace GanNotebooks.Runner;

/// <summary>
/// `gan-notebooks doctor`: runs the library's <c>Doctor.Run()</c> in a kernel that loaded TorchSharp from the NuGet
/// cache as a notebook does: it makes the natives there loadable on older Linux, proves TorchSharp works with a
/// tensor operation, and reports CUDA.
/// </summary>
public static class Doctor
{
    public static async Task<int> RunAsync()
    {
        var failure = await LibraryScript.RunAsync("var doctorExitCode = GanNotebooks.Runtime.Doctor.Run();\nif (doctorExitCode != 0) throw new Exception(\"TorchSharp does not work here (see above).\");");
        if (failure is null) return 0;
        Execution.Terminal.WriteError("error: " + failure);
        return 1;
    }
}
