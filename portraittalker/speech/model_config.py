"""Audio2Flame's hyper-parameters, torch-free: the checkpoint stores them and both runtimes
(torch for training, numpy for inference: `model.py`, `model_numpy.py`) read them from here."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .channels import NUM_CHANNELS

FREQ_STRIDE = (1, 2)  # the 2-D convolutions' stride over (time, mel band): each halves the bands


@dataclass(frozen=True)
class ModelConfig:
    feature_dim: int = 80
    d_model: int = 128
    num_layers: int = 4
    num_heads: int = 4
    ff_dim: int = 256
    dropout: float = 0.1
    context_s: float = 0.6       # attention reach either side, seconds
    out_rate_hz: int = 50
    num_channels: int = NUM_CHANNELS
    num_phone_classes: int = 0   # > 0: an auxiliary phone-class head, trained, unused at inference
    freq_channels: int = 0       # > 0: 2-D convolutions over (time, mel band) before the front
    freq_layers: int = 2         # how many, each halving the mel bands

    def __post_init__(self) -> None:
        if self.freq_channels > 0 and self.freq_layers < 1:
            raise ValueError(f"freq_layers must be at least 1 with freq_channels > 0, not {self.freq_layers}")

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def freq_convs(self) -> tuple[tuple[int, tuple[int, int], tuple[int, int]], ...]:
        """The 2-D convolutions over (time, mel band), in order: (input channels, kernel, padding);
        each has stride FREQ_STRIDE, halving the bands; none without `freq_channels`."""
        if self.freq_channels <= 0:
            return ()
        first = (1, (3, 5), (1, 2))
        return (first,) + ((self.freq_channels, (3, 3), (1, 1)),) * (self.freq_layers - 1)

    @property
    def front_dim(self) -> int:
        """Channels into the front's first convolution: the features, or the 2-D convolutions'
        maps flattened."""
        if self.freq_channels <= 0:
            return self.feature_dim
        bands = self.feature_dim
        for _, (_, kf), (_, pf) in self.freq_convs:
            bands = (bands + 2 * pf - kf) // FREQ_STRIDE[1] + 1
        return self.freq_channels * bands

    @property
    def reach_frames(self) -> int:
        """Attention reach either side, in output frames."""
        return int(round(self.context_s * self.out_rate_hz))
