using TorchSharp;
using TorchSharp.Modules;
using GanNotebooks.Runtime;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanNotebooks.Models;

/// <summary>
/// K independent multilayer perceptrons with the same layer sizes, evaluated together in one batched
/// computation: input [K, N, in] → output [K, N, out], where model k only ever sees row block k. Training K small
/// networks this way (several seeds, several methods) costs little more than training one, because for networks
/// this small the time goes into the per-call overhead, not the arithmetic.
/// </summary>
/// <remarks>
/// Layer l of model k computes h ↦ h·W[k]ᵀ + b[k] with W of shape [K, out, in] (the layout of <c>nn.Linear</c>).
/// Element-wise optimisers (SGD, Adam, RMSProp) applied to these batched parameters update each model exactly as
/// if it had its own optimiser, provided the loss is a sum of per-model losses. Each model can carry spectral
/// normalisation (<see cref="SpectralNorm"/>): its weight matrices are divided by a power-iteration estimate of their
/// largest singular value, with one power-iteration round per forward pass in training mode (as in
/// <c>torch.nn.utils.spectral_norm</c>).
/// </remarks>
public sealed class BatchedMlp : Module<Tensor, Tensor>
{
    // Parameters and buffers are looked up by name on every use: Module.to(device or dtype) replaces the registered
    // tensors, so references kept in fields would go stale.
    private readonly Module<Tensor, Tensor> activation;
    private readonly Module<Tensor, Tensor> outputActivation;
    private readonly int inFeatures;

    /// <summary>Builds K models in → hidden[0] → … → hidden[^1] → out, initialised like <c>nn.Linear</c>
    /// (weights and biases uniform on ±1/√fan_in, each model drawn independently).</summary>
    /// <param name="models">K, the number of independent models.</param>
    /// <param name="inFeatures">Input size.</param>
    /// <param name="hidden">Hidden layer sizes.</param>
    /// <param name="outFeatures">Output size.</param>
    /// <param name="activation">The nonlinearity between layers (as in <see cref="Mlp"/>). ReLU, leaky ReLU, tanh and
    /// ELU are 1-Lipschitz, so with spectral normalisation the whole network is 1-Lipschitz.</param>
    /// <param name="spectralNorm">Per model, whether its weights are spectrally normalised (null: none are).</param>
    /// <param name="outputActivation">The nonlinearity after the last layer: none for logits and points,
    /// <see cref="Activation.Tanh"/> for images in [−1, 1].</param>
    public BatchedMlp(int models, int inFeatures, int[] hidden, int outFeatures, Activation activation = Activation.ReLU,
                      bool[]? spectralNorm = null, Activation outputActivation = Activation.None)
        : base(nameof(BatchedMlp))
    {
        Require.AtLeast(models, 1);
        Require.AtLeast(inFeatures, 1);
        Require.AtLeast(outFeatures, 1);
        Require.AllPositive(hidden);
        if (spectralNorm is not null && spectralNorm.Length != models)
            throw new ArgumentException($"spectralNorm needs one flag per model ({models}); got {spectralNorm.Length}.", nameof(spectralNorm));
        Models = models;
        this.activation = Activations.Create(activation);
        this.outputActivation = Activations.Create(outputActivation);
        var sizes = new[] { inFeatures }.Concat(hidden).Append(outFeatures).ToArray();
        Layers = sizes.Length - 1;
        this.inFeatures = inFeatures;
        for (var l = 0; l < Layers; l++)
        {
            var bound = 1.0 / Math.Sqrt(sizes[l]);
            register_parameter($"weight{l}", new Parameter((rand(models, sizes[l + 1], sizes[l]) * 2 - 1) * bound));
            register_parameter($"bias{l}", new Parameter((rand(models, 1, sizes[l + 1]) * 2 - 1) * bound));
            register_buffer($"u{l}", nn.functional.normalize(randn(models, sizes[l + 1]), dim: 1));
            register_buffer($"v{l}", nn.functional.normalize(randn(models, sizes[l]), dim: 1));
        }
        // 1 where model k is spectrally normalised, else 0: one formula then serves every model.
        register_buffer("spectral_norm", from_array((spectralNorm ?? new bool[models]).Select(b => b ? 1f : 0f).ToArray()));
        SpectralNormalised = (spectralNorm ?? new bool[models]).ToArray();
        register_module("activation", this.activation);
        register_module("output_activation", this.outputActivation);
    }

    /// <summary>K, the number of models.</summary>
    public int Models { get; }

    /// <summary>Number of linear layers.</summary>
    public int Layers { get; }

    /// <summary>Per model, whether it is spectrally normalised.</summary>
    public IReadOnlyList<bool> SpectralNormalised { get; }

    /// <summary>Applies every model to its own block of rows: [K, N, in] → [K, N, out].</summary>
    public override Tensor forward(Tensor input)
    {
        if (input.dim() != 3 || input.shape[0] != Models || input.shape[2] != inFeatures)
            throw new ArgumentException($"input must be [{Models}, N, {inFeatures}]; got [{string.Join(",", input.shape)}].", nameof(input));
        var h = input;
        for (var l = 0; l < Layers; l++)
        {
            h = matmul(h, EffectiveWeight(l, update: training).transpose(1, 2)) + Bias(l);
            h = l < Layers - 1 ? activation.forward(h) : outputActivation.forward(h);
        }
        return h;
    }

    /// <summary>
    /// The weight matrices layer l actually applies, [K, out, in]: W for plain models, W / σ̂(W) for spectrally
    /// normalised ones, with σ̂ = uᵀWv from the stored power-iteration vectors (which this call does not update).
    /// </summary>
    public Tensor EffectiveWeight(int layer) => EffectiveWeight(layer, update: false);

    /// <summary>The raw (trainable) weight of layer l, [K, out, in].</summary>
    public Tensor Weight(int layer) => get_parameter($"weight{layer}")!;

    /// <summary>The bias of layer l, [K, 1, out].</summary>
    public Tensor Bias(int layer) => get_parameter($"bias{layer}")!;

    /// <summary>The current power-iteration estimates σ̂ of the raw weights of layer l, [K] (for every model,
    /// normalised or not).</summary>
    public Tensor SpectralEstimate(int layer)
    {
        using var _ = no_grad();
        return Sigma(layer);
    }

    private Tensor EffectiveWeight(int l, bool update)
    {
        var w = Weight(l);
        if (!SpectralNormalised.Any(b => b)) return w;
        Tensor u = get_buffer($"u{l}")!, v = get_buffer($"v{l}")!;
        if (update)
        {
            // One power-iteration round, reusing the vectors of the previous pass (outside autograd).
            var r = SpectralNorm.PowerIteration(w, u, 1);
            using (no_grad())
            {
                u.copy_(r.U);
                v.copy_(r.V);
            }
            r.Sigma.Dispose(); r.U.Dispose(); r.V.Dispose();
        }
        // σ̂ = uᵀWv with u, v held fixed: the gradient reaches W through σ̂ as in Miyato et al.
        var sigma = Sigma(l);
        var mask = get_buffer("spectral_norm")!;
        var divisor = mask * sigma + (1 - mask);   // σ̂ for normalised models, 1 for the others
        return w / divisor.view(-1, 1, 1);
    }

    // Copies of u and v enter the graph: the next training-mode pass updates the buffers in place, which would
    // corrupt the graph of a loss that is still to be differentiated (PyTorch's spectral_norm clones them too).
    private Tensor Sigma(int l) =>
        matmul(get_buffer($"u{l}")!.clone().unsqueeze(1), matmul(Weight(l), get_buffer($"v{l}")!.clone().unsqueeze(2))).view(-1);
}
