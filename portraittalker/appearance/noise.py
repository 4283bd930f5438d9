"""Deterministic procedural noise over 3D points (hash-based value noise, trilinear)."""

from __future__ import annotations

import torch
from torch import Tensor

_PRIMES = (73856093, 19349663, 83492791)


def hash01(ix: Tensor, iy: Tensor, iz: Tensor, seed: int) -> Tensor:
    """A repeatable value in [0, 1] per integer lattice cell (int64 coordinates)."""
    h = (ix * _PRIMES[0]) ^ (iy * _PRIMES[1]) ^ (iz * _PRIMES[2]) ^ (seed * 2654435761)
    h = (h ^ (h >> 13)) * 1274126177
    h = h ^ (h >> 16)
    return (h & 0xFFFFFF).to(torch.float32) / float(0xFFFFFF)


def value_noise(points: Tensor, frequency: Tensor | float, seed: int = 0) -> Tensor:
    """Smooth noise in [0,1] at points [N,3]; `frequency` (cycles per unit, scalar or [3])."""
    p = points.to(torch.float64) * torch.as_tensor(frequency, dtype=torch.float64)
    base = torch.floor(p)
    f = p - base
    f = f * f * (3 - 2 * f)  # smoothstep: no creases at cell borders
    i = base.to(torch.int64)
    out = torch.zeros(len(points), dtype=torch.float32)
    for dx in (0, 1):
        for dy in (0, 1):
            for dz in (0, 1):
                w = ((f[:, 0] if dx else 1 - f[:, 0]) * (f[:, 1] if dy else 1 - f[:, 1]) * (f[:, 2] if dz else 1 - f[:, 2]))
                out += w.float() * hash01(i[:, 0] + dx, i[:, 1] + dy, i[:, 2] + dz, seed)
    return out


def fractal_noise(points: Tensor, frequency: float, octaves: int = 3, seed: int = 0) -> Tensor:
    """Sum of value-noise octaves, normalised to [0,1]."""
    total, norm, amp = torch.zeros(len(points)), 0.0, 1.0
    for o in range(octaves):
        total += amp * value_noise(points, frequency * 2**o, seed + 101 * o)
        norm += amp
        amp *= 0.5
    return total / norm
