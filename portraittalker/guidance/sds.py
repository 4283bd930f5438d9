"""Score Distillation Sampling (DreamFusion, Poole et al. 2022) with Stable Diffusion.

Per step: encode the rendered images to latents, add noise at a timestep t drawn from an
annealed range, predict the noise with classifier-free guidance on a view-dependent prompt
("..., side view"), and push the latents along w(t) * (eps_hat - eps). The UNet's output is
read as its scheduler says (`prediction_type`): epsilon models predict the noise itself;
v-prediction models (SD 2.x at 768 px) predict v = sqrt(abar) eps - sqrt(1 - abar) x0, which
is turned into eps = sqrt(abar) v + sqrt(1 - abar) x_t before the residual is taken. The gradient is
clipped element-wise and injected through a surrogate loss whose gradient w.r.t. the
latents is exactly that direction; it reaches the tri-grid through the VAE encoder and the
differentiable renderer.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from typing import Any

import torch
import torch.nn.functional as F
from torch import Tensor

from ..errors import PortraitTalkerError
from .base import GuidanceInput
from .diffusion import DiffusionComponents, load_diffusion_components

log = logging.getLogger(__name__)
VIEW_SUFFIXES = ("front view", "side view", "back view")
PREDICTION_TYPES = ("epsilon", "v_prediction")
# UNet size (parameters) above which SDS on a CPU is refused unless forced: Stable Diffusion's
# UNet has 865 M, one guided step there takes seconds and a run of 1,500 steps hours.
CPU_UNET_MAX_PARAMS = 20_000_000


@dataclass(frozen=True)
class SDSConfig:
    guidance_scale: float = 100.0
    t_min: float = 0.02            # fractions of the training timesteps
    t_max_start: float = 0.98      # upper bound at step 0 ...
    t_max_end: float = 0.5         # ... annealed linearly to this by the last step
    weighting: str = "sds"         # "sds": w(t) = 1 - alpha_bar(t); "uniform": w = 1
    grad_clip: float = 1.0         # element-wise clamp of the latent gradient (<= 0: off)
    view_dependent: bool = True
    default_steps: int = 1500
    learning_rate: float = 0.01
    allow_cpu: bool = False        # run a full-size UNet on a CPU anyway (hours per avatar)


def view_suffix_index(yaw_deg: Tensor) -> Tensor:
    """Camera azimuth (0 = in front) -> 0 front (|yaw| <= 45), 1 side (<= 135), 2 back."""
    a = torch.remainder(yaw_deg + 180.0, 360.0).sub(180.0).abs()
    return (a > 45).long() + (a > 135).long()


def classifier_free_guidance(eps_uncond: Tensor, eps_cond: Tensor, scale: float) -> Tensor:
    return eps_uncond + scale * (eps_cond - eps_uncond)


def timestep_bounds(step: int, total_steps: int, config: SDSConfig, num_train_timesteps: int) -> tuple[int, int]:
    """Inclusive [lo, hi] timestep range at `step`: the upper bound anneals linearly from
    t_max_start to t_max_end, so late steps refine detail instead of re-imagining shape."""
    frac = step / max(total_steps - 1, 1)
    t_max = config.t_max_start + (config.t_max_end - config.t_max_start) * min(max(frac, 0.0), 1.0)
    lo = int(round(config.t_min * num_train_timesteps))
    hi = max(lo, min(int(round(t_max * num_train_timesteps)), num_train_timesteps - 1))
    return lo, hi


def epsilon_from_prediction(output: Tensor, noisy: Tensor, alphas_cumprod: Tensor, t: Tensor,
                            prediction_type: str) -> Tensor:
    """A UNet output [B,C,h,w] at timesteps t [B] -> its noise estimate eps.

    v-prediction: v = sqrt(abar) eps - sqrt(1 - abar) x0 and x_t = sqrt(abar) x0 + sqrt(1 - abar) eps
    give eps = sqrt(abar) v + sqrt(1 - abar) x_t.
    """
    if prediction_type == "epsilon":
        return output
    if prediction_type == "v_prediction":
        abar = alphas_cumprod.to(output.device)[t.to(output.device)].view(-1, *([1] * (output.ndim - 1)))
        return abar.sqrt() * output + (1.0 - abar).sqrt() * noisy.to(output.dtype)
    raise ValueError(f"prediction_type '{prediction_type}'")


def sds_weight(alphas_cumprod: Tensor, t: Tensor, weighting: str) -> Tensor:
    if weighting == "sds":
        return 1.0 - alphas_cumprod[t]
    if weighting == "uniform":
        return torch.ones(t.shape, dtype=alphas_cumprod.dtype)
    raise ValueError(f"unknown SDS weighting '{weighting}' (sds | uniform)")


class SDSGuidance:
    kind = "sds"

    def __init__(self, components: DiffusionComponents, prompt: str, negative_prompt: str = "",
                 config: SDSConfig = SDSConfig()):
        self.sd = components
        self.config = config
        self.prompt = prompt
        self.negative_prompt = negative_prompt
        self.model_id = components.model_id
        self.default_steps = config.default_steps
        self.learning_rate = config.learning_rate
        suffixes = VIEW_SUFFIXES if config.view_dependent else ("",) * 3
        self.cond = components.encode_text([f"{prompt}, {s}" if s else prompt for s in suffixes])  # [3,L,D]
        self.uncond = components.encode_text([negative_prompt])                                   # [1,L,D]
        self.alphas_cumprod = components.scheduler.alphas_cumprod.to(torch.float32)
        self.prediction_type = str(components.scheduler.config.get("prediction_type", "epsilon"))
        if self.prediction_type not in PREDICTION_TYPES:
            raise PortraitTalkerError(
                f"{components.model_id}: scheduler prediction_type '{self.prediction_type}' is not supported by SDS "
                f"(supported: {', '.join(PREDICTION_TYPES)}); use an epsilon or v-prediction Stable Diffusion")
        if components.device.type == "cpu":
            self._check_cpu(components)

    def _check_cpu(self, components: DiffusionComponents) -> None:
        """SDS on a CPU: always a loud warning; a full-size UNet is refused unless forced."""
        params = sum(p.numel() for p in components.unet.parameters())
        message = (f"SDS would run on the CPU with a {params / 1e6:.0f} M-parameter UNet for "
                   f"{self.config.default_steps} steps by default: that takes hours per avatar where a GPU "
                   "takes minutes")
        if params > CPU_UNET_MAX_PARAMS and not self.config.allow_cpu:
            raise PortraitTalkerError(
                f"{components.model_id}: {message}; run it on a CUDA GPU, use guidance prior, or force it "
                "with --allow-cpu-sds (avatar.allow_cpu_sds: true)")
        log.warning("%s (no CUDA device found)", message)

    @classmethod
    def from_pretrained(cls, path, prompt: str, negative_prompt: str = "", config: SDSConfig = SDSConfig(),
                        device: str = "cpu") -> "SDSGuidance":
        return cls(load_diffusion_components(path, device), prompt, negative_prompt, config)

    def encode_images(self, images: Tensor) -> Tensor:
        """images [B,H,W,3] in [0,1] -> scaled VAE latents [B,4,h,w] (differentiable)."""
        x = images.permute(0, 3, 1, 2).to(self.sd.device)
        res = self.sd.image_resolution
        if x.shape[-2:] != (res, res):
            x = F.interpolate(x, size=(res, res), mode="bilinear", align_corners=False)
        x = (x * 2 - 1).to(self.sd.dtype)
        latents = self.sd.vae.encode(x).latent_dist.mean  # the mean: no extra noise, deterministic
        return latents * self.sd.vae.config.scaling_factor

    @torch.no_grad()
    def predict_noise(self, noisy: Tensor, t: Tensor, view_index: Tensor) -> Tensor:
        """Guided noise estimate eps for noisy latents [B,4,h,w] at timesteps t [B]
        (converted from v for v-prediction models)."""
        b = noisy.shape[0]
        cond = self.cond[view_index.to(self.cond.device)]
        uncond = self.uncond.expand(b, -1, -1)
        out = self.sd.unet(torch.cat([noisy, noisy]), torch.cat([t, t]).to(self.sd.device),
                           encoder_hidden_states=torch.cat([uncond, cond])).sample
        out_uncond, out_cond = out.float().chunk(2)
        # CFG is linear, so guiding v and then converting equals converting both branches first.
        guided = classifier_free_guidance(out_uncond, out_cond, self.config.guidance_scale)
        return epsilon_from_prediction(guided, noisy.float(), self.alphas_cumprod, t, self.prediction_type)

    def latent_gradient(self, latents: Tensor, yaw_deg: Tensor, step: int, total_steps: int,
                        generator: torch.Generator) -> tuple[Tensor, Tensor, Tensor]:
        """-> (clipped w(t) * (eps_hat - eps) [B,4,h,w], t [B], noise [B,4,h,w]).
        Randomness comes from `generator` (CPU) so runs are reproducible and resumable."""
        b = latents.shape[0]
        n = self.sd.scheduler.config.num_train_timesteps
        lo, hi = timestep_bounds(step, total_steps, self.config, n)
        t = torch.randint(lo, hi + 1, (b,), generator=generator)
        noise = torch.randn(latents.shape, generator=generator).to(latents.device)
        noisy = self.sd.scheduler.add_noise(latents.detach().float(), noise, t.to(latents.device)).to(self.sd.dtype)
        eps_hat = self.predict_noise(noisy, t, view_suffix_index(yaw_deg))
        w = sds_weight(self.alphas_cumprod, t, self.config.weighting).to(latents.device).view(b, 1, 1, 1)
        grad = torch.nan_to_num(w * (eps_hat - noise), nan=0.0, posinf=0.0, neginf=0.0)
        if self.config.grad_clip > 0:
            grad = grad.clamp(-self.config.grad_clip, self.config.grad_clip)
        return grad, t, noise

    def loss(self, inp: GuidanceInput) -> Tensor:
        latents = self.encode_images(inp.images).float()
        grad, _, _ = self.latent_gradient(latents, inp.yaw_deg, inp.step, inp.total_steps, inp.generator)
        # d/dlatents of 0.5 * ||latents - (latents - grad)||^2 is exactly `grad`.
        target = (latents - grad).detach()
        return 0.5 * F.mse_loss(latents, target, reduction="sum") / latents.shape[0]

    def metadata(self) -> dict[str, Any]:
        return {"kind": self.kind, "model_id": self.model_id, "prediction_type": self.prediction_type,
                **asdict(self.config)}
