using TorchSharp;
using GanNotebooks.Distributions;
using GanNotebooks.Losses;
using GanNotebooks.Models;
using GanNotebooks.Runtime;
using static TorchSharp.torch;

namespace GanNotebooks.Training;

/// <summary>How <see cref="OptimalDiscriminator.Train"/> trains: the network, the steps and the optimiser.</summary>
/// <param name="Hidden">Hidden layer widths of the discriminator MLP (leaky ReLU between layers, a logit out).</param>
/// <param name="Steps">Adam steps.</param>
/// <param name="BatchSize">Real samples per step, and as many generated ones.</param>
/// <param name="LearningRate">Adam's learning rate at the first step.</param>
/// <param name="FinalLearningRate">The rate decays exponentially to this at the last step, so the end of
/// training averages out the noise of the batches.</param>
/// <param name="PoolSize">0: fresh samples every step (the population); n &gt; 0: a finite data set of n real and
/// n generated samples drawn once, from which every batch is drawn with replacement.</param>
public sealed record DiscriminatorTraining(int[] Hidden, int Steps, int BatchSize = 512, double LearningRate = 3e-3,
                                           double FinalLearningRate = 1e-4, int PoolSize = 0);

/// <summary>
/// Trains a 1-D discriminator D = σ(ℓ) to near-optimality against two fixed distributions: the experiment of
/// chapter 1, which shows that the trained D approaches D* = p_data / (p_data + p_g), so that its logit ℓ
/// approaches log p_data − log p_g. Chapter 1 writes this loop in its cells; later chapters call this copy.
/// </summary>
public static class OptimalDiscriminator
{
    /// <summary>
    /// Seeds TorchSharp with <paramref name="seed"/>, builds an <see cref="Mlp"/> 1 → hidden → 1 and minimises
    /// −V(G, D) (<see cref="GanLosses.Discriminator"/>) with Adam and an exponentially decaying learning rate.
    /// </summary>
    /// <param name="real">p_data (labelled 1).</param>
    /// <param name="fake">p_g (labelled 0).</param>
    /// <param name="training">Network, steps, batch and learning rates.</param>
    /// <param name="seed">Seeds the initial weights and every sample drawn.</param>
    /// <param name="device">Where to train (CPU when null).</param>
    /// <param name="afterStep">Called after every step with the step and the network (for snapshots); it runs
    /// inside the step's dispose scope.</param>
    /// <param name="label">Label of the progress display; null shows none.</param>
    /// <returns>The trained network; its output is the logit ℓ(x) for inputs [n, 1].</returns>
    public static Mlp Train(IDistribution1D real, IDistribution1D fake, DiscriminatorTraining training, int seed,
                            Device? device = null, Action<int, Mlp>? afterStep = null, string? label = "training D")
    {
        Require.AtLeast(training.Steps, 1);
        Require.AtLeast(training.BatchSize, 1);
        Require.Positive(training.LearningRate);
        Require.InRange(training.FinalLearningRate, 0, training.LearningRate);
        Require.AtLeast(training.PoolSize, 0);
        device ??= CPU;

        Seeds.Set(seed);
        var discriminator = new Mlp(1, training.Hidden, 1, Activation.LeakyReLU).to(device);
        var optimizer = optim.Adam(discriminator.parameters(), training.LearningRate);
        var decay = Math.Pow(training.FinalLearningRate / training.LearningRate, 1.0 / training.Steps);
        var schedule = optim.lr_scheduler.ExponentialLR(optimizer, decay);
        var (pool, batch) = (training.PoolSize, training.BatchSize);
        using var realPool = pool > 0 ? real.Sample(pool, device) : null;
        using var fakePool = pool > 0 ? fake.Sample(pool, device) : null;
        Tensor Draw(IDistribution1D p, Tensor? fromPool) =>
            fromPool is null ? p.Sample(batch, device) : fromPool.index_select(0, randint(0, pool, new long[] { batch }, device: device));

        var loop = new TrainingLoop(label, training.Steps);
        foreach (var step in loop.Steps())
        {
            var xReal = Draw(real, realPool);
            var xFake = Draw(fake, fakePool);
            // −V(G, D) on the batch: real samples labelled 1, generated samples labelled 0.
            var loss = GanLosses.Discriminator(discriminator.forward(xReal), discriminator.forward(xFake));
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
            schedule.step();
            loop.Report(("loss_D", loss));
            afterStep?.Invoke(step, discriminator);
        }
        return discriminator;
    }
}
