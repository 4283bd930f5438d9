"""SDS guidance on tiny Stable Diffusion components built from config in the test."""

import json

import pytest
import torch
from test_avatar_standins import standin_head

from portraittalker.appearance import TriGridConfig, TriGridField
from portraittalker.appearance.create import AvatarRequest, create_avatar
from portraittalker.errors import MissingWeightsError, PortraitTalkerError
from portraittalker.guidance.base import GuidanceInput
from portraittalker.guidance.diffusion import load_diffusion_components
from portraittalker.guidance.sds import (
    SDSConfig,
    SDSGuidance,
    classifier_free_guidance,
    sds_weight,
    timestep_bounds,
    view_suffix_index,
)
from portraittalker.head.anny import ANNY_HEAD_ID
from portraittalker.head.head_npz import save_head_npz


def _tiny_tokenizer_files(folder):
    """A character-level CLIP BPE vocabulary: every printable ASCII char, alone and word-final."""
    chars = [chr(c) for c in range(33, 127)]
    vocab = {}
    for tok in ["<|startoftext|>", "<|endoftext|>"] + chars + [c + "</w>" for c in chars]:
        vocab.setdefault(tok, len(vocab))
    folder.mkdir(parents=True)
    (folder / "vocab.json").write_text(json.dumps(vocab))
    (folder / "merges.txt").write_text("#version: 0.2\n")
    return len(vocab)


@pytest.fixture(scope="module")
def tiny_sd(tmp_path_factory):
    from diffusers import AutoencoderKL, DDPMScheduler, UNet2DConditionModel
    from transformers import CLIPTextConfig, CLIPTextModel, CLIPTokenizer

    root = tmp_path_factory.mktemp("tiny-sd")
    torch.manual_seed(0)
    vocab_size = _tiny_tokenizer_files(root / "tok-src")
    tokenizer = CLIPTokenizer(str(root / "tok-src" / "vocab.json"), str(root / "tok-src" / "merges.txt"),
                              model_max_length=24)
    tokenizer.save_pretrained(root / "tokenizer")
    text_encoder = CLIPTextModel(CLIPTextConfig(
        vocab_size=vocab_size, hidden_size=32, intermediate_size=37, num_hidden_layers=2, num_attention_heads=4,
        max_position_embeddings=24, bos_token_id=0, eos_token_id=1, pad_token_id=1))
    text_encoder.save_pretrained(root / "text_encoder")
    UNet2DConditionModel(
        sample_size=8, in_channels=4, out_channels=4, layers_per_block=1, block_out_channels=(32, 64),
        down_block_types=("CrossAttnDownBlock2D", "DownBlock2D"), up_block_types=("UpBlock2D", "CrossAttnUpBlock2D"),
        cross_attention_dim=32, attention_head_dim=8, norm_num_groups=8,
    ).save_pretrained(root / "unet")
    AutoencoderKL(
        in_channels=3, out_channels=3, down_block_types=("DownEncoderBlock2D", "DownEncoderBlock2D"),
        up_block_types=("UpDecoderBlock2D", "UpDecoderBlock2D"), block_out_channels=(16, 32), latent_channels=4,
        norm_num_groups=8, sample_size=16,
    ).save_pretrained(root / "vae")
    DDPMScheduler(num_train_timesteps=1000, beta_schedule="scaled_linear", beta_start=0.00085,
                  beta_end=0.012).save_pretrained(root / "scheduler")
    return root


def _input(images, yaw, step=0, total=10, seed=0):
    return GuidanceInput(images, torch.as_tensor(yaw, dtype=torch.float32), step, total, lambda fn: None,
                         torch.Generator().manual_seed(seed))


def test_missing_weights_give_clear_messages(tmp_path, tiny_sd):
    with pytest.raises(MissingWeightsError, match="Stable Diffusion weights not found.*--sd-model"):
        load_diffusion_components(tmp_path / "absent")
    partial = tmp_path / "partial"
    (partial / "unet").mkdir(parents=True)
    with pytest.raises(MissingWeightsError, match="missing tokenizer/, text_encoder/, vae/, scheduler/"):
        load_diffusion_components(partial)
    with pytest.raises(MissingWeightsError, match="no path given"):
        load_diffusion_components(None)


def test_loader_reads_the_local_folder(tiny_sd):
    sd = load_diffusion_components(tiny_sd)
    assert sd.dtype == torch.float32 and sd.image_resolution == 16
    assert not any(p.requires_grad for p in sd.unet.parameters())
    emb = sd.encode_text(["a man, front view", "a man, back view"])
    assert emb.shape == (2, 24, 32) and not torch.allclose(emb[0], emb[1])


def test_sds_gradients_are_finite_and_reach_the_trigrid(tiny_sd):
    guidance = SDSGuidance.from_pretrained(tiny_sd, "blue-haired woman", "blurry", SDSConfig(guidance_scale=7.5))
    head = standin_head(rings=16, segments=32)
    field = TriGridField(TriGridConfig(resolutions=(8, 16), channels=4), torch.Generator().manual_seed(0))
    pts = torch.as_tensor(head.v_template)
    albedo, _ = field(pts)
    # a differentiable "render": scatter vertex colours into a 16x16 image by their xy position
    img = torch.zeros(2, 16 * 16, 3)
    ij = ((pts[:, :2] - pts[:, :2].min(0).values) / (pts[:, :2].max(0).values - pts[:, :2].min(0).values) * 15).long()
    img = img.index_add(1, ij[:, 1] * 16 + ij[:, 0], albedo[None].expand(2, -1, -1) * 0.05).reshape(2, 16, 16, 3)
    loss = guidance.loss(_input(img.clamp(0, 1), [0.0, 170.0]))
    assert torch.isfinite(loss)
    loss.backward()
    grads = [p.grad for p in field.parameters()]
    assert all(g is not None and torch.isfinite(g).all() for g in grads)
    assert sum(float(p.grad.abs().sum()) for p in field.planes.parameters()) > 0


def test_surrogate_loss_gradient_is_the_clipped_weighted_residual(tiny_sd):
    guidance = SDSGuidance.from_pretrained(tiny_sd, "elderly woman", "", SDSConfig(guidance_scale=5.0, grad_clip=0.05))
    latents = torch.randn(2, 4, 8, 8, generator=torch.Generator().manual_seed(1)).requires_grad_(True)
    yaw = torch.tensor([0.0, 90.0])
    grad, t, noise = guidance.latent_gradient(latents, yaw, 3, 10, torch.Generator().manual_seed(5))
    # recompute by hand with the same draws
    noisy = guidance.sd.scheduler.add_noise(latents.detach(), noise, t)
    cond = guidance.sd.encode_text(["elderly woman, front view", "elderly woman, side view"])
    uncond = guidance.sd.encode_text([""]).expand(2, -1, -1)
    with torch.no_grad():
        e_u = guidance.sd.unet(noisy, t, encoder_hidden_states=uncond).sample
        e_c = guidance.sd.unet(noisy, t, encoder_hidden_states=cond).sample
    w = (1 - guidance.sd.scheduler.alphas_cumprod[t]).view(2, 1, 1, 1)
    expected = (w * (e_u + 5.0 * (e_c - e_u) - noise)).clamp(-0.05, 0.05)
    torch.testing.assert_close(grad, expected, atol=1e-5, rtol=1e-4)
    assert float(grad.abs().max()) <= 0.05 + 1e-7
    assert (grad.abs() == 0.05).any()  # the clip is active at this scale


def test_classifier_free_guidance_is_the_cfg_formula(tiny_sd):
    u, c = torch.randn(3, 4, 8, 8), torch.randn(3, 4, 8, 8)
    torch.testing.assert_close(classifier_free_guidance(u, c, 1.0), c)
    torch.testing.assert_close(classifier_free_guidance(u, c, 0.0), u)
    torch.testing.assert_close(classifier_free_guidance(u, c, 100.0) - u, 100.0 * (c - u))
    # inside the guidance: scale s moves the prediction linearly away from the unconditional one
    g1 = SDSGuidance.from_pretrained(tiny_sd, "a child", "", SDSConfig(guidance_scale=1.0))
    g7 = SDSGuidance.from_pretrained(tiny_sd, "a child", "", SDSConfig(guidance_scale=7.0))
    g0 = SDSGuidance.from_pretrained(tiny_sd, "a child", "", SDSConfig(guidance_scale=0.0))
    noisy, t, view = torch.randn(1, 4, 8, 8), torch.tensor([500]), torch.tensor([0])
    e0, e1, e7 = (g.predict_noise(noisy, t, view) for g in (g0, g1, g7))
    torch.testing.assert_close(e7 - e0, 7.0 * (e1 - e0), atol=1e-5, rtol=1e-4)
    assert float((e1 - e0).abs().max()) > 0  # the prompt changes the prediction


def test_negative_prompt_is_the_unconditional_branch(tiny_sd):
    a = SDSGuidance.from_pretrained(tiny_sd, "a man", "", SDSConfig())
    b = SDSGuidance.from_pretrained(tiny_sd, "a man", "cartoon, blurry", SDSConfig())
    assert torch.equal(a.cond, b.cond) and not torch.allclose(a.uncond, b.uncond)


def test_timestep_schedule_anneals_and_samples_inside_bounds(tiny_sd):
    cfg = SDSConfig(t_min=0.02, t_max_start=0.98, t_max_end=0.5)
    bounds = [timestep_bounds(s, 100, cfg, 1000) for s in range(100)]
    assert bounds[0] == (20, 980) and bounds[-1] == (20, 500)
    highs = [hi for _, hi in bounds]
    assert all(a >= b for a, b in zip(highs, highs[1:]))
    guidance = SDSGuidance.from_pretrained(tiny_sd, "a man", "", cfg)
    latents = torch.zeros(64, 4, 8, 8)
    gen = torch.Generator().manual_seed(0)
    for step in (0, 99):
        _, t, _ = guidance.latent_gradient(latents, torch.zeros(64), step, 100, gen)
        lo, hi = timestep_bounds(step, 100, cfg, 1000)
        assert int(t.min()) >= lo and int(t.max()) <= hi
    assert int(t.max()) <= 500  # late steps never draw the noisiest timesteps
    w = sds_weight(guidance.alphas_cumprod, torch.tensor([20, 500, 980]), "sds")
    assert 0 < w[0] < w[1] < w[2] <= 1


def test_view_suffix_from_azimuth():
    yaw = torch.tensor([0.0, 30.0, -44.0, 60.0, -120.0, 150.0, 180.0, -179.0, 359.0])
    assert view_suffix_index(yaw).tolist() == [0, 0, 0, 1, 1, 2, 2, 2, 0]


@pytest.mark.slow
def test_create_avatar_picks_sds_when_weights_exist(tiny_sd, tmp_path):
    head_path = tmp_path / "head.npz"
    save_head_npz(standin_head(rings=16, segments=32), head_path)
    request = AvatarRequest(prompt="blue-haired woman", negative_prompt="blurry", seed=0, guidance="auto",
                            sd_model_path=str(tiny_sd), steps=3, head=str(head_path), render_size=24, init_steps=5,
                            field_resolutions=(8, 16))
    avatar = create_avatar(request, progress=False)
    md = avatar.metadata
    assert md["guidance"]["kind"] == "sds" and md["guidance"]["model_id"] == str(tiny_sd)
    assert md["negative_prompt"] == "blurry" and md["guidance"]["guidance_scale"] == 100.0
    assert all(torch.isfinite(p).all() for p in avatar.field.parameters())


# --- prediction types ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tiny_sd_v(tiny_sd, tmp_path_factory):
    """The same tiny parts with a v-prediction scheduler (as SD 2.x at 768 px ships)."""
    import shutil

    from diffusers import DDPMScheduler

    root = tmp_path_factory.mktemp("tiny-sd-v")
    for part in ("tokenizer", "text_encoder", "unet", "vae"):
        shutil.copytree(tiny_sd / part, root / part)
    DDPMScheduler(num_train_timesteps=1000, beta_schedule="scaled_linear", beta_start=0.00085, beta_end=0.012,
                  prediction_type="v_prediction").save_pretrained(root / "scheduler")
    return root


class _OracleUNet(torch.nn.Module):
    """Predicts exactly, for known clean latents x0: the noise (epsilon) or v."""

    def __init__(self, x0, alphas_cumprod, prediction_type):
        super().__init__()
        self.x0, self.abar, self.kind = x0, alphas_cumprod, prediction_type

    def forward(self, sample, timestep, encoder_hidden_states):
        a = self.abar[timestep].sqrt().view(-1, 1, 1, 1)
        s = (1 - self.abar[timestep]).sqrt().view(-1, 1, 1, 1)
        x0 = self.x0.repeat(sample.shape[0] // self.x0.shape[0], 1, 1, 1)
        eps = (sample - a * x0) / s
        out = eps if self.kind == "epsilon" else a * eps - s * x0
        return type("Out", (), {"sample": out})()


@pytest.mark.parametrize("kind", ["epsilon", "v_prediction"])
def test_a_perfect_model_gives_zero_sds_gradient_for_either_prediction_type(tiny_sd, tiny_sd_v, kind):
    """SDS pushes along eps_hat - eps: a model that predicts exactly must give (almost) no push,
    which holds for v-prediction only if its output is converted to eps first."""
    guidance = SDSGuidance.from_pretrained(tiny_sd if kind == "epsilon" else tiny_sd_v, "a man", "",
                                           SDSConfig(guidance_scale=7.5, grad_clip=0.0))
    assert guidance.prediction_type == kind and guidance.metadata()["prediction_type"] == kind
    x0 = torch.randn(3, 4, 8, 8, generator=torch.Generator().manual_seed(2))
    guidance.sd.unet = _OracleUNet(x0, guidance.alphas_cumprod, kind)
    grad, t, noise = guidance.latent_gradient(x0, torch.zeros(3), 0, 10, torch.Generator().manual_seed(3))
    assert float(grad.abs().max()) < 1e-3
    if kind == "v_prediction":  # read as noise (the old behaviour), v gives a large false gradient
        v = guidance.sd.unet(guidance.sd.scheduler.add_noise(x0, noise, t), t, None).sample
        w = (1 - guidance.alphas_cumprod[t]).view(-1, 1, 1, 1)
        assert float((w * (v - noise)).abs().mean()) > 0.1


def test_v_prediction_gradient_is_the_converted_epsilon_residual(tiny_sd_v):
    guidance = SDSGuidance.from_pretrained(tiny_sd_v, "elderly woman", "", SDSConfig(guidance_scale=5.0, grad_clip=0.0))
    latents = torch.randn(2, 4, 8, 8, generator=torch.Generator().manual_seed(1))
    grad, t, noise = guidance.latent_gradient(latents, torch.tensor([0.0, 90.0]), 3, 10, torch.Generator().manual_seed(5))
    noisy = guidance.sd.scheduler.add_noise(latents, noise, t)
    cond = guidance.sd.encode_text(["elderly woman, front view", "elderly woman, side view"])
    uncond = guidance.sd.encode_text([""]).expand(2, -1, -1)
    with torch.no_grad():
        v_u = guidance.sd.unet(noisy, t, encoder_hidden_states=uncond).sample
        v_c = guidance.sd.unet(noisy, t, encoder_hidden_states=cond).sample
    abar = guidance.sd.scheduler.alphas_cumprod[t].view(2, 1, 1, 1)
    eps_hat = abar.sqrt() * (v_u + 5.0 * (v_c - v_u)) + (1 - abar).sqrt() * noisy
    torch.testing.assert_close(grad, (1 - abar) * (eps_hat - noise), atol=1e-5, rtol=1e-4)


def test_unsupported_prediction_type_is_refused(tiny_sd, tmp_path):
    import shutil

    from diffusers import DDPMScheduler

    for part in ("tokenizer", "text_encoder", "unet", "vae"):
        shutil.copytree(tiny_sd / part, tmp_path / part)
    DDPMScheduler(num_train_timesteps=1000, prediction_type="sample").save_pretrained(tmp_path / "scheduler")
    with pytest.raises(PortraitTalkerError, match="prediction_type 'sample' is not supported by SDS"):
        SDSGuidance.from_pretrained(tmp_path, "a man")


def test_sds_on_cpu_warns_and_refuses_a_full_size_unet_unless_forced(tiny_sd, caplog, monkeypatch):
    import portraittalker.guidance.sds as sds

    with caplog.at_level("WARNING", logger="portraittalker.guidance.sds"):
        SDSGuidance.from_pretrained(tiny_sd, "a man")  # tiny: allowed, but said loudly
    assert "SDS would run on the CPU" in caplog.text
    monkeypatch.setattr(sds, "CPU_UNET_MAX_PARAMS", 1000)  # make the tiny UNet count as full size
    with pytest.raises(PortraitTalkerError, match="SDS would run on the CPU.*--allow-cpu-sds"):
        SDSGuidance.from_pretrained(tiny_sd, "a man")
    assert SDSGuidance.from_pretrained(tiny_sd, "a man", config=SDSConfig(allow_cpu=True)).config.allow_cpu


def test_weights_load_from_safetensors_and_never_from_the_hub(tiny_sd, monkeypatch):
    import diffusers
    import transformers

    seen = []
    for owner, name in ((diffusers, "UNet2DConditionModel"), (diffusers, "AutoencoderKL"),
                        (transformers, "CLIPTextModel")):
        cls = getattr(owner, name)
        original = cls.from_pretrained.__func__

        def spy(klass, *args, _original=original, **kwargs):
            seen.append((klass.__name__, kwargs.get("local_files_only"), kwargs.get("use_safetensors")))
            return _original(klass, *args, **kwargs)

        monkeypatch.setattr(cls, "from_pretrained", classmethod(spy))
    assert any((tiny_sd / "unet").glob("*.safetensors"))
    load_diffusion_components(tiny_sd)
    assert sorted(seen) == [("AutoencoderKL", True, True), ("CLIPTextModel", True, True),
                            ("UNet2DConditionModel", True, True)]

def test_sds_runs_on_the_anny_head(tiny_sd):
    """The SDS path optimises the avatar on the default head: the prompt's own anny body."""
    request = AvatarRequest(prompt="an elderly woman with grey hair", seed=0, guidance="sds",
                            sd_model_path=str(tiny_sd), steps=2, head="anny", render_size=32, init_steps=2,
                            field_resolutions=(8, 16))
    seen = []
    avatar = create_avatar(request, progress=False, on_step=lambda step: seen.append(step))
    md = avatar.metadata
    assert md["guidance"]["kind"] == "sds" and md["head_model_id"] == ANNY_HEAD_ID
    assert avatar.head is not None and avatar.head.model_id == ANNY_HEAD_ID
    built = avatar.head.metadata["phenotype"]   # the identity's values, anny's defaults for the rest
    assert all(built[k] == pytest.approx(v) for k, v in md["identity"]["phenotype"].items())
    assert all(torch.isfinite(p).all() for p in avatar.field.parameters()) and seen == [1, 2]
    assert md["final_loss"] > 0   # the SDS surrogate loss carried a gradient into the field
