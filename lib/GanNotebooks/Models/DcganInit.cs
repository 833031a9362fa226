using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GanNotebooks.Models;

/// <summary>The DCGAN initialisation (Radford et al. 2016, kept by the O-GAN code): every convolution and
/// linear weight from N(0, 0.02), biases 0; BatchNorm keeps scale 1 and shift 0.</summary>
internal static class DcganInit
{
    public static void Apply(nn.Module module)
    {
        using var _ = no_grad();
        foreach (var (_, child) in module.named_modules())
            switch (child)
            {
                case Conv2d or ConvTranspose2d or Linear:
                    foreach (var (name, p) in child.named_parameters(recurse: false))
                        if (name == "weight") nn.init.normal_(p, 0, 0.02);
                        else if (name == "bias") nn.init.zeros_(p);
                    break;
            }
    }
}
