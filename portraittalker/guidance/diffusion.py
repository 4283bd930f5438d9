"""Stable Diffusion components from a local diffusers folder (never a download).

A folder in the layout `save_pretrained` writes (and the Hub's SD 1.x/2.x repositories
use): tokenizer/, text_encoder/, unet/, vae/, scheduler/. Everything is loaded with
`local_files_only=True` (nothing is ever downloaded), and from `.safetensors` wherever a part
has them (a pickled `.bin` beside them is never preferred; a part with only `.bin` is read by
diffusers/transformers with `torch.load(weights_only=True)`). A missing folder or part raises
`MissingWeightsError` naming it. Weights are frozen; on CUDA they are fp16.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import torch

from ..errors import MissingWeightsError, PortraitTalkerError

log = logging.getLogger(__name__)
PARTS = ("tokenizer", "text_encoder", "unet", "vae", "scheduler")


@dataclass
class DiffusionComponents:
    tokenizer: object
    text_encoder: torch.nn.Module
    unet: torch.nn.Module
    vae: torch.nn.Module
    scheduler: object
    device: torch.device
    dtype: torch.dtype
    model_id: str

    @property
    def vae_scale_factor(self) -> int:
        return 2 ** (len(self.vae.config.block_out_channels) - 1)

    @property
    def image_resolution(self) -> int:
        """Pixel size the UNet was trained at (512 for SD 1.x / 2.1-base)."""
        return int(self.unet.config.sample_size) * self.vae_scale_factor

    @torch.no_grad()
    def encode_text(self, prompts: list[str]) -> torch.Tensor:
        """prompts -> CLIP hidden states [N, L, D] (padded to the tokenizer's max length)."""
        tokens = self.tokenizer(prompts, padding="max_length", max_length=self.tokenizer.model_max_length,
                                truncation=True, return_tensors="pt")
        return self.text_encoder(tokens.input_ids.to(self.device))[0].to(self.dtype)


def load_diffusion_components(path: str | Path | None, device: str | torch.device = "cpu",
                              fp16: bool | None = None) -> DiffusionComponents:
    """Load SD components from `path`. fp16 defaults to True on CUDA, False elsewhere."""
    if path is None:
        raise MissingWeightsError("Stable Diffusion weights: no path given; set avatar.sd_model_path or --sd-model "
                                  "to a local diffusers folder, or use --guidance prior")
    path = Path(path)
    if not path.is_dir():
        raise MissingWeightsError(f"{path}: Stable Diffusion weights not found; point avatar.sd_model_path / "
                                  "--sd-model at a local diffusers folder (e.g. stable-diffusion-2-1-base)")
    missing = [p for p in PARTS if not (path / p).is_dir()]
    if missing:
        raise MissingWeightsError(f"{path}: not a complete diffusers Stable Diffusion folder, missing "
                                  f"{', '.join(p + '/' for p in missing)} (save the whole pipeline with save_pretrained)")
    from diffusers import AutoencoderKL, DDPMScheduler, UNet2DConditionModel
    from transformers import CLIPTextModel, CLIPTokenizer

    device = torch.device(device)
    fp16 = (device.type == "cuda") if fp16 is None else fp16
    dtype = torch.float16 if fp16 else torch.float32
    local = dict(local_files_only=True)

    def weights(part: str) -> dict:
        has_safetensors = any((path / part).glob("*.safetensors"))
        if not has_safetensors:
            log.warning("%s/%s: no .safetensors weights; loading the pickled .bin with weights_only=True", path, part)
        return dict(local, use_safetensors=True if has_safetensors else None)

    try:
        tokenizer = CLIPTokenizer.from_pretrained(path, subfolder="tokenizer", **local)
        text_encoder = CLIPTextModel.from_pretrained(path, subfolder="text_encoder", torch_dtype=dtype,
                                                     **weights("text_encoder"))
        unet = UNet2DConditionModel.from_pretrained(path, subfolder="unet", torch_dtype=dtype, **weights("unet"))
        vae = AutoencoderKL.from_pretrained(path, subfolder="vae", torch_dtype=dtype, **weights("vae"))
        # SDS only needs the forward process (alphas_cumprod, add_noise): DDPM reads any SD scheduler config.
        scheduler = DDPMScheduler.from_pretrained(path, subfolder="scheduler", **local)
    except (OSError, ValueError, EnvironmentError) as err:
        raise PortraitTalkerError(f"{path}: could not load Stable Diffusion ({type(err).__name__}: "
                                  f"{str(err).splitlines()[0]})") from err
    for module in (text_encoder, unet, vae):
        module.requires_grad_(False).eval().to(device)
    log.info("loaded Stable Diffusion from %s (%s, %s)", path, device, dtype)
    return DiffusionComponents(tokenizer, text_encoder, unet, vae, scheduler, device, dtype, str(path))
