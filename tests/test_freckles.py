"""Freckles: many small round spots scattered on the face's surface, laid on the avatar's skin."""

import numpy as np
import pytest
import torch
from test_avatar_standins import standin_head

from portraittalker.appearance.freckles import FRECKLES, FreckleSpots, freckle_cover
from portraittalker.appearance.paint import PriorTarget
from portraittalker.appearance.parts import PartMaterials, PartShader
from portraittalker.identity import identity_from_prompt, resolve_look


@pytest.fixture(scope="module")
def head():
    return standin_head()


@pytest.fixture(scope="module")
def target(head):
    return PriorTarget(head, resolve_look(identity_from_prompt("a nordic woman with freckles", 0)), seed=0)


def test_freckles_are_many_small_spots_densest_over_the_nose_and_upper_cheeks(head, target):
    spots = target.freckles
    assert spots is not None and len(spots.radii) >= 150          # many, not a sparse few (about 60 noise blobs)
    diameters_mm = 2000 * spots.radii
    assert diameters_mm.min() >= 1.0 and diameters_mm.max() <= 4.0
    assert 0.2 < spots.strengths.min() and spots.strengths.max() < 0.9   # of varied strength, none a solid dark dot
    an = target.anchors
    eye_y = float(np.mean([c[1] for c in an.eye_centers]))
    x, y = spots.centres[:, 0], spots.centres[:, 1]
    butterfly = (y < eye_y - 0.005) & (y > eye_y - 0.045) & (np.abs(x) < 0.055)
    forehead = y > an.brow_y + 0.008
    chin = y < an.lip_top_y - 0.01
    area = lambda m: max(np.ptp(x[m]) * np.ptp(y[m]), 1e-6) if m.sum() > 1 else 1.0  # noqa: E731
    assert butterfly.mean() > 0.4
    assert butterfly.sum() / area(butterfly) > 3 * max(forehead.sum() / area(forehead), chin.sum() / area(chin))
    # none on the lips or the lids
    lips = head.v_template[head.region_mask("lips")]
    assert np.min(np.linalg.norm(spots.centres[:, None] - lips[None], axis=2)) > FRECKLES.lip_clear_m
    eyes = np.asarray(an.eye_centers)
    assert np.min(np.linalg.norm(spots.centres[:, None] - eyes[None], axis=2)) > an.eye_radius + 0.005


def test_a_freckle_is_round_on_a_steep_surface():
    # the side of a nose: a plane nearly along the view axis. A spot's footprint there was a streak
    # when freckles were cut from noise and distilled into the tri-grid's axis-aligned planes
    normal = np.array([0.95, 0.0, 0.31]) / np.linalg.norm([0.95, 0.0, 0.31])
    u = np.cross(normal, [0.0, 1.0, 0.0]); u /= np.linalg.norm(u)
    v = np.cross(normal, u)
    centre = np.array([0.01, 0.02, 0.09])
    spots = FreckleSpots(centre[None], np.array([0.0015]), np.array([0.6]))
    s = np.linspace(-0.004, 0.004, 161)
    a, b = np.meshgrid(s, s, indexing="ij")
    pts = centre + a.reshape(-1, 1) * u + b.reshape(-1, 1) * v
    cover = freckle_cover(torch.as_tensor(pts, dtype=torch.float32), spots).numpy()
    assert cover.max() == pytest.approx(0.6, abs=1e-3)
    on = cover > 0.3
    width_u, width_v = np.ptp(a.reshape(-1)[on]), np.ptp(b.reshape(-1)[on])
    assert width_u == pytest.approx(width_v, rel=0.05)             # round: as wide as it is tall
    assert 0.002 < width_u < 0.004                                  # about its 3 mm across, soft edge beyond


def test_the_avatars_skin_carries_the_freckles_whatever_its_field_learnt(head, target):
    spots = target.freckles
    materials = PartMaterials.for_head(head, (0.1, 0.1, 0.1), (0.1, 0.05, 0.02), (0.7, 0.5, 0.4), freckles=spots)
    materials = PartMaterials.from_dict(materials.to_dict())       # as saved in avatar.pt
    assert np.allclose(materials.freckles.centres, spots.centres, atol=1e-6)
    shader = PartShader(head, materials)
    strong = spots.strengths > 0.6
    centres = torch.as_tensor(spots.centres[strong], dtype=torch.float32)
    flat = torch.full((len(centres), 3), 0.6)
    albedo, _ = shader(centres, flat, torch.zeros(len(centres), 1))
    ratio = (albedo / flat).numpy()
    assert (ratio.mean(axis=1) < 0.8).all()                        # a spot at every centre, on a flat field
    assert (ratio[:, 0] > ratio[:, 2] + 0.1).all()                 # tan-brown: blue darkened more than red
    # and the painted target's skin has the same spots, so the field under them learns the skin alone
    plain = PriorTarget(head, resolve_look(identity_from_prompt("a nordic woman", 0)), seed=0)
    assert (target.skin(centres) / plain.skin(centres)).mean(dim=1).max() < 0.8
