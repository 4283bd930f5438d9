"""Rasterizer primitives, interpolation, antialiasing, cameras and HeadRenderer (EGL backend;
nvdiffrast agreement where it imports)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from portraittalker.errors import PortraitTalkerError
from portraittalker.render import (
    HeadRenderer,
    antialias,
    get_rasterizer,
    interpolate,
    nvdiffrast_available,
    orbit_cameras,
    portrait_orbit,
    project_points,
    random_cameras,
    texture,
    turntable_cameras,
)
from portraittalker.render.interpolate import fragments, interpolate_fragments
from portraittalker.render.proxy import proxy_head
from portraittalker.scene import Background, Light, Lighting, Scene


@pytest.fixture(scope="module")
def egl():
    return get_rasterizer("egl")


def pixel_centres(height: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    """NDC x, y of every pixel centre [H,W]; row 0 is y = -1 as in the raster."""
    xs = (np.arange(width) + 0.5) / width * 2 - 1
    ys = (np.arange(height) + 0.5) / height * 2 - 1
    return np.meshgrid(xs, ys)


def screen_barycentrics(px, py, tri_xy: np.ndarray) -> np.ndarray:
    """Affine barycentrics [...,3] of points w.r.t. a 2D triangle tri_xy [3,2]."""
    (x0, y0), (x1, y1), (x2, y2) = tri_xy
    det = (y1 - y2) * (x0 - x2) + (x2 - x1) * (y0 - y2)
    l0 = ((y1 - y2) * (px - x2) + (x2 - x1) * (py - y2)) / det
    l1 = ((y2 - y0) * (px - x2) + (x0 - x2) * (py - y2)) / det
    return np.stack([l0, l1, 1 - l0 - l1], -1)


def test_triangle_coverage_and_barycentrics_are_exact(egl):
    tri_xy = np.array([[-0.83, -0.71], [0.77, -0.29], [-0.12, 0.88]])
    pos = torch.tensor([[[*p, 0.25, 1.0] for p in tri_xy]], dtype=torch.float32)
    tri = torch.tensor([[0, 1, 2]], dtype=torch.int32)
    rast = egl.rasterize(pos, tri, (32, 40))[0].numpy()
    px, py = pixel_centres(32, 40)
    lam = screen_barycentrics(px, py, tri_xy)
    inside = (lam > 0).all(-1)
    assert np.array_equal(rast[..., 3] > 0, inside)
    assert np.all(rast[inside, 3] == 1.0)
    np.testing.assert_allclose(rast[inside, 0], lam[inside, 0], atol=2e-5)
    np.testing.assert_allclose(rast[inside, 1], lam[inside, 1], atol=2e-5)
    np.testing.assert_allclose(rast[inside, 2], 0.25, atol=1e-6)
    assert np.all(rast[~inside] == 0)


def test_quad_covers_exact_pixels_without_cracks(egl):
    # Edges at NDC +-0.5 on a 16x16 grid fall between pixel centres: pixels 4..11 are covered.
    pos = torch.tensor([[[-0.5, -0.5, 0, 1], [0.5, -0.5, 0, 1], [0.5, 0.5, 0, 1], [-0.5, 0.5, 0, 1]]])
    tri = torch.tensor([[0, 1, 2], [0, 2, 3]], dtype=torch.int32)
    ids = egl.rasterize(pos, tri, (16, 16))[0, ..., 3].numpy()
    expected = np.zeros((16, 16), bool)
    expected[4:12, 4:12] = True
    assert np.array_equal(ids > 0, expected)  # the shared diagonal leaves no crack
    rows, cols = np.nonzero(expected)
    below_diagonal = cols > rows  # pixel centres strictly inside triangle 0 (x > y)
    assert np.all(ids[rows[below_diagonal], cols[below_diagonal]] == 1)
    assert np.all(ids[rows[cols < rows], cols[cols < rows]] == 2)


def test_barycentrics_are_perspective_correct(egl):
    clip = np.array([[-0.6, -0.6, 0.1, 1.0], [1.2, -0.4, 0.5, 2.0], [-0.2, 1.6, 1.2, 3.0]])
    rast = egl.rasterize(torch.tensor(clip[None], dtype=torch.float32), torch.tensor([[0, 1, 2]], dtype=torch.int32), (24, 24))[0].numpy()
    ndc = clip[:, :2] / clip[:, 3:]
    px, py = pixel_centres(24, 24)
    lam = screen_barycentrics(px, py, ndc)
    inside = (lam > 1e-3).all(-1)
    persp = lam / clip[:, 3]
    persp = persp / persp.sum(-1, keepdims=True)
    assert inside.sum() > 50
    np.testing.assert_allclose(rast[inside, :2], persp[inside, :2], atol=1e-4)
    depth = (lam * (clip[:, 2] / clip[:, 3])).sum(-1)  # z/w is affine in screen space
    np.testing.assert_allclose(rast[inside, 2], depth[inside], atol=1e-5)


@pytest.mark.parametrize("near_first", [True, False])
def test_depth_test_keeps_the_nearest_surface(egl, near_first):
    quad = lambda z: [[-0.8, -0.8, z, 1], [0.8, -0.8, z, 1], [0.8, 0.8, z, 1], [-0.8, 0.8, z, 1]]  # noqa: E731
    near, far = quad(-0.2), quad(0.3)
    # Near quad = triangles 1,2 when drawn first, 3,4 when drawn last.
    pos = torch.tensor([(near + far) if near_first else (far + near)], dtype=torch.float32)
    tri = torch.tensor([[0, 1, 2], [0, 2, 3], [4, 5, 6], [4, 6, 7]], dtype=torch.int32)
    rast = egl.rasterize(pos, tri, (20, 20))[0]
    covered = rast[..., 3] > 0
    near_ids = {1.0, 2.0} if near_first else {3.0, 4.0}
    assert set(rast[covered][:, 3].unique().tolist()) == near_ids
    torch.testing.assert_close(rast[covered][:, 2], torch.full((int(covered.sum()),), -0.2))


def test_coverage_counts_samples_at_edges(egl):
    # A quad whose left edge crosses pixel column 4 at its middle: coverage 1/2 there.
    pos = torch.tensor([[[-0.5, -0.6, 0, 1], [0.6, -0.6, 0, 1], [0.6, 0.6, 0, 1], [-0.5, 0.6, 0, 1]]])
    tri = torch.tensor([[0, 1, 2], [0, 2, 3]], dtype=torch.int32)
    cover = egl.coverage(pos, tri, (10, 10))[0]
    assert cover[5, 5] == 1.0 and cover[0, 0] == 0.0
    assert torch.all(cover[3:7, 2] == 0.5)  # x in [-0.6,-0.4]: the edge at -0.5 halves it
    assert set(cover.unique().tolist()) <= {0.0, 0.25, 0.5, 0.75, 1.0}


def test_interpolate_uses_nvdiffrast_weights_and_matches_fragments(egl):
    pos = torch.tensor([[[-0.9, -0.9, 0, 1], [0.9, -0.9, 0, 1], [0.0, 0.9, 0, 1]]])
    tri = torch.tensor([[0, 1, 2]], dtype=torch.int32)
    rast = egl.rasterize(pos, tri, (16, 16))
    attr = torch.tensor([[1.0, 0.0], [0.0, 1.0], [5.0, 7.0]])
    dense = interpolate(attr, rast, tri)
    u, v = rast[..., 0], rast[..., 1]
    expected = u[..., None] * attr[0] + v[..., None] * attr[1] + (1 - u - v)[..., None] * attr[2]
    covered = rast[..., 3] > 0
    torch.testing.assert_close(dense[covered], expected[covered])
    assert torch.all(dense[~covered] == 0)
    frags = fragments(rast)
    torch.testing.assert_close(interpolate_fragments(attr, frags, tri), dense[frags.batch, frags.row, frags.col])


def test_interpolation_gradients_reach_attributes(egl):
    pos = torch.tensor([[[-0.9, -0.9, 0, 1], [0.9, -0.9, 0, 1], [0.0, 0.9, 0, 1]]])
    tri = torch.tensor([[0, 1, 2]], dtype=torch.int32)
    rast = egl.rasterize(pos, tri, (16, 16))
    attr = torch.tensor([[1.0], [2.0], [3.0]], requires_grad=True)
    interpolate(attr, rast, tri).sum().backward()
    covered = rast[..., 3] > 0
    u, v = rast[..., 0][covered], rast[..., 1][covered]
    torch.testing.assert_close(attr.grad[:, 0], torch.stack([u.sum(), v.sum(), (1 - u - v).sum()]))


def test_texture_lookup_hits_texel_centres():
    tex = torch.arange(12, dtype=torch.float32).reshape(1, 3, 4, 1)
    uv = torch.tensor([[[[0.125, 1 / 6], [0.875, 5 / 6], [0.5, 0.5]]]])
    out = texture(tex, uv)[0, 0, :, 0]
    torch.testing.assert_close(out, torch.tensor([0.0, 11.0, 0.5 * (5 + 6)]))


def test_antialias_blends_by_coverage_and_borrows_neighbour_colour():
    color = torch.zeros(1, 3, 3, 1)
    mask = torch.zeros(1, 3, 3, dtype=torch.bool)
    color[0, 1, 1] = 1.0
    mask[0, 1, 1] = True
    coverage = torch.tensor([[[0.0, 0.0, 0.0], [0.25, 0.75, 0.0], [0.0, 0.0, 0.5]]])
    color.requires_grad_(True)
    out = antialias(color, mask, coverage, torch.full((1, 3, 3, 1), 0.2))[0, ..., 0]
    expected = torch.tensor([[0.2, 0.2, 0.2], [0.25 + 0.75 * 0.2, 0.75 + 0.25 * 0.2, 0.2], [0.2, 0.2, 0.5 + 0.5 * 0.2]])
    torch.testing.assert_close(out, expected)
    out.sum().backward()
    assert color.grad[0, 1, 1, 0] == pytest.approx(0.75 + 0.25 + 0.5)


def test_sparse_composite_equals_dense_antialias(egl):
    from portraittalker.render.compose import composite
    from portraittalker.render.interpolate import scatter_fragments

    pos = torch.tensor([[[-0.73, -0.61, 0, 1], [0.67, -0.77, 0, 1], [0.1, 0.83, 0, 1]]] * 2)
    pos[1, :, :2] *= 0.6
    tri = torch.tensor([[0, 1, 2]], dtype=torch.int32)
    rast, cover = egl.rasterize(pos, tri, (24, 24)), egl.coverage(pos, tri, (24, 24))
    frags = fragments(rast)
    radiance = torch.rand(frags.count, 3, generator=torch.Generator().manual_seed(0))
    backdrop = torch.rand(24, 24, 3, generator=torch.Generator().manual_seed(1))
    sparse = composite(radiance, frags, cover, backdrop, torch.ones(24, 24, 1), lambda x: x)
    dense = antialias(scatter_fragments(radiance, frags, (2, 24, 24)), rast[..., 3] > 0, cover, backdrop)
    torch.testing.assert_close(sparse, dense)
    assert ((cover > 0) & (cover < 1)).sum() > 20


def two_quads(near_left: float = 0.1):
    """A far quad over the whole frame (surface 1) and a near one (surface 2) from x =
    `near_left` to the right; a back-facing triangle (surface 3) in the far quad's top-left."""
    far = [[-1, -1, 0.5, 1], [1, -1, 0.5, 1], [1, 1, 0.5, 1], [-1, 1, 0.5, 1]]
    near = [[near_left, -1, -0.5, 1], [1, -1, -0.5, 1], [1, 1, -0.5, 1], [near_left, 1, -0.5, 1]]
    back = [[-0.9, 0.2, 0.0, 1], [-0.2, 0.9, 0.0, 1], [-0.2, 0.2, 0.0, 1]]
    pos = torch.tensor([far + near + back], dtype=torch.float32)
    tri = torch.tensor([[0, 1, 2], [0, 2, 3], [4, 5, 6], [4, 6, 7], [8, 9, 10]], dtype=torch.int32)
    return pos, tri, np.array([1, 1, 2, 2, 3])


def test_surface_samples_tell_which_surface_each_sample_sees(egl):
    pos, tri, labels = two_quads()
    front = [np.arange(4)]  # the back-facing triangle is not among the faces turned towards the camera
    samples = egl.surface_samples(pos, tri, front, labels, (10, 10))[0]
    cover = egl.coverage(pos, tri, (10, 10))[0]
    torch.testing.assert_close((samples != 0).float().mean(-1), cover)  # the same samples as coverage
    assert set(samples.unique().tolist()) == {1.0, 2.0}  # the far quad lies in front of the back face
    # x = 0.1 halves pixel column 5: two samples there see each quad
    assert torch.all(samples[:, 5].sort(-1).values == torch.tensor([1.0, 1.0, 2.0, 2.0]))
    assert torch.all(samples[:, :5] == 1) and torch.all(samples[:, 6:] == 2)
    alone = egl.surface_samples(pos, tri, [np.array([], dtype=np.int64)], labels, (10, 10))[0]
    assert torch.all(alone == -1)  # covered, but by no face turned towards the camera


def test_surface_labels_number_the_connected_surfaces_in_order():
    from portraittalker.render.mesh_topology import surface_labels

    faces = np.array([[3, 4, 5], [0, 1, 2], [5, 6, 3], [7, 8, 9], [2, 0, 10]])
    assert surface_labels(faces, 12).tolist() == [1, 2, 1, 3, 2]
    assert surface_labels(np.zeros((0, 3), dtype=np.int64), 4).tolist() == []
    many = surface_labels(np.arange(300 * 3).reshape(300, 3), 900)  # an 8-bit sample holds 254 labels
    assert many[:254].tolist() == list(range(1, 255)) and many[254:].tolist() == list(range(1, 47))


def test_composite_blends_edges_between_surfaces_by_their_samples(egl):
    from portraittalker.render.compose import composite

    pos, tri, labels = two_quads()
    rast = egl.rasterize(pos, tri, (10, 10))
    samples = egl.surface_samples(pos, tri, [np.arange(4)], labels, (10, 10))
    frags = fragments(rast)
    red, blue = torch.tensor([1.0, 0.0, 0.0]), torch.tensor([0.0, 0.0, 1.0])
    radiance = torch.where((torch.from_numpy(labels)[frags.tri] == 1)[:, None], red, blue).requires_grad_(True)
    cover = (samples != 0).float().mean(-1)
    args = (frags, cover, torch.zeros(10, 10, 3), torch.ones(10, 10, 1), lambda x: x)
    plain = composite(radiance, *args)[0]
    signed = torch.from_numpy(labels).float() * torch.tensor([1.0, 1, 1, 1, -1])  # the back-facing triangle negated
    blended = composite(radiance, *args, samples, signed[frags.tri])[0]
    assert torch.all(plain[:, 5] == blue)  # the centre's surface alone: a staircase
    torch.testing.assert_close(blended[:, 5], (0.5 * (red + blue)).expand(10, 3))  # half the samples each
    torch.testing.assert_close(blended[:, :5], plain[:, :5])  # the quads' own diagonals stay as they were
    torch.testing.assert_close(blended[:, 6:], plain[:, 6:])
    blended.sum().backward()  # differentiable: each edge pixel's colour comes from fragments
    assert radiance.grad.sum() == pytest.approx(300.0)  # convex mixes: 100 pixels x 3 channels


# -- HeadRenderer ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def head():
    return proxy_head(24, 48)


def flat_appearance(albedo: torch.Tensor):
    def appearance(points: torch.Tensor):
        return albedo.expand(points.shape[0], 3), torch.full((points.shape[0], 1), 0.3)
    return appearance


def rest(head, batch=1):
    return torch.from_numpy(head.v_template)[None].repeat(batch, 1, 1)


def test_render_shapes_range_and_closed_silhouette(head):
    renderer = HeadRenderer(head, size=96, backend="egl", framing="head")
    layers = renderer.render_layers(rest(head, 2), flat_appearance(torch.tensor([0.6, 0.45, 0.4])), Scene())
    assert layers.image.shape == (2, 96, 96, 3)
    assert 0.0 <= float(layers.image.min()) and float(layers.image.max()) <= 1.0
    torch.testing.assert_close(layers.image[0], layers.image[1])
    mask = layers.mask[0].numpy()
    assert 0.2 < mask.mean() < 0.8
    for row in mask:  # a convex closed mesh: every row's covered run is contiguous (no cracks)
        cols = np.nonzero(row)[0]
        if len(cols):
            assert cols[-1] - cols[0] + 1 == len(cols)
    fractional = (layers.alpha[0] > 0) & (layers.alpha[0] < 1)
    assert 0 < int(fractional.sum()) < 0.2 * mask.sum()  # antialiased rim only


def test_render_gradients_reach_appearance_parameters(head):
    from portraittalker.appearance.trigrid import TriGridConfig, TriGridField

    renderer = HeadRenderer(head, size=48, backend="egl", framing="head")
    field = TriGridField(TriGridConfig(resolutions=(8, 16), channels=4, hidden=8), torch.Generator().manual_seed(0))
    image = renderer.render(rest(head), field, Scene())
    image.mean().backward()
    grads = [p.grad for p in field.parameters()]
    assert all(g is not None and torch.isfinite(g).all() for g in grads)
    assert all(float(g.abs().sum()) > 0 for g in grads)


def test_render_gradient_matches_finite_difference(head):
    renderer = HeadRenderer(head, size=40, backend="egl", framing="head")
    scene = Scene(background=Background(vignette=0.0))
    albedo = torch.tensor([0.3, 0.3, 0.3], dtype=torch.float64, requires_grad=True)

    def loss(a):
        return renderer.render(rest(head).double(), flat_appearance(a), scene).double().mean()

    loss(albedo).backward()
    eps = 1e-4
    with torch.no_grad():
        bump = torch.tensor([eps, 0.0, 0.0], dtype=torch.float64)
        numeric = (loss(albedo + bump) - loss(albedo - bump)) / (2 * eps)
    assert float(albedo.grad[0]) == pytest.approx(float(numeric), rel=1e-3)
    assert float(albedo.grad[0]) > 0


def test_lighting_and_background_change_the_picture(head):
    renderer = HeadRenderer(head, size=64, backend="egl", framing="head")
    appearance = flat_appearance(torch.tensor([0.6, 0.5, 0.45]))
    day = renderer.render(rest(head), appearance, Scene())
    dim = Lighting(key=Light((0.5, 0.45, 0.75), (0.4, 0.5, 0.9), 0.4), ambient=(0.03, 0.03, 0.06), exposure=0.8)
    night = renderer.render(rest(head), appearance, Scene(lighting=dim, background=Background((0.02, 0.02, 0.05), (0.0, 0.0, 0.01))))
    assert float(night.mean()) < float(day.mean()) - 0.1
    assert float(night[..., 2].mean()) > float(night[..., 0].mean())  # blue-tinted night
    # Key light comes from the subject's left (+x), which is the picture's right.
    mask = renderer.render_layers(rest(head), appearance, Scene()).mask[0]
    lum = day[0].mean(-1)
    assert float(lum[:, 40:][mask[:, 40:]].mean()) > float(lum[:, :24][mask[:, :24]].mean())


def test_film_grain_is_seeded_per_frame(head):
    renderer = HeadRenderer(head, size=32, backend="egl")
    scene = Scene(background=Background(film_grain=0.5))
    appearance = flat_appearance(torch.tensor([0.5, 0.5, 0.5]))
    verts = rest(head, 2)
    a = renderer.render(verts, appearance, scene, frame_ids=torch.tensor([3, 4]))
    b = renderer.render(verts, appearance, scene, frame_ids=torch.tensor([3, 5]))
    torch.testing.assert_close(a[0], b[0])
    assert float((a[1] - b[1]).abs().mean()) > 0.005


def test_mouth_interior_seen_through_an_opening_is_dark(head):
    # Cut a hole in the front of the head: the inside (back faces) must render dark.
    renderer = HeadRenderer(holed(head), size=96, backend="egl", framing="head")
    image = renderer.render(rest(head), flat_appearance(torch.tensor([0.7, 0.6, 0.55])), Scene())[0]
    centre = project_points(torch.tensor([[[0.0, -0.02, 0.095]]]), renderer.camera)[0, 0]
    cheek = project_points(torch.tensor([[[0.05, -0.02, 0.075]]]), renderer.camera)[0, 0]
    at = lambda p: image[int(p[1]), int(p[0])].mean()  # noqa: E731
    assert float(at(centre)) < 0.5 * float(at(cheek))


def test_the_inside_of_clothes_is_shaded_not_black():
    from types import SimpleNamespace

    from portraittalker.render.occlusion import BACKFACE_OCCLUSION, occlusion_pairs, surface_occlusion

    regions = np.array([0, 1, 2, 2])
    head = SimpleNamespace(v_template=np.zeros((4, 3)), regions=regions, region_names=("skin", "mouth_cavity", "cloth"))
    occ = surface_occlusion(head)
    assert occ.shape == (4, 2) and occ[0, 0] == 1.0 and occ[1, 0] < 0.1          # the mouth is dark inside
    assert occ[0, 1] == pytest.approx(BACKFACE_OCCLUSION)                         # through an opening: dark
    assert (occ[2:, 1] >= 0.4).all()                                              # a garment's inside: in shade
    old = occlusion_pairs(occ[:, 0])                                              # a file baked before
    assert np.allclose(old[:, 1], occ[:, 0] * BACKFACE_OCCLUSION)


@pytest.mark.parametrize("resolution", [3, None])   # one R for all faces; each face's own
def test_baked_lookup_is_exact_for_linear_appearance(head, resolution):
    from portraittalker.render.baked import bake_appearance

    verts = torch.from_numpy(head.v_template)
    faces = torch.from_numpy(head.faces)
    linear = lambda p: (p * 3 + 0.5, p[:, :1] * 2)  # noqa: E731  (linear in the surface point)
    baked = bake_appearance(linear, verts, faces, resolution=resolution)
    gen = torch.Generator().manual_seed(0)
    tri = torch.randint(0, len(faces), (500,), generator=gen)
    bary = torch.distributions.Dirichlet(torch.ones(3)).sample((500,))
    bary[:5] = torch.eye(3)[[0, 1, 2, 0, 1]]  # corners exactly
    points = torch.einsum("nk,nkc->nc", bary, verts[faces[tri].long()])
    albedo, specular = baked.lookup(tri, bary)
    torch.testing.assert_close(albedo, points * 3 + 0.5, atol=1e-5, rtol=0)
    torch.testing.assert_close(specular, points[:, :1] * 2, atol=1e-5, rtol=0)


def test_a_faces_lattice_grows_with_its_size_and_keeps_a_sharp_edge_sharp():
    """A garment's faces are 2-3 cm across: at the skin's 4 subdivisions a stripe's edge that
    crosses them was drawn as a saw-tooth. Each face's R follows its longest edge."""
    from portraittalker.render.baked import (LATTICE_SPACING_M, MAX_RESOLUTION, MIN_RESOLUTION, bake_appearance,
                                             face_resolutions, lattice_size)

    size = np.array([0.003, 0.01, 0.03, 0.08])
    verts = np.concatenate([np.array([[0, 0, 0], [s, 0, 0], [0, s, 0]]) + [i, 0, 0] for i, s in enumerate(size)])
    faces = np.arange(12).reshape(4, 3)
    r = face_resolutions(verts, faces)
    # longest edges (the hypotenuses) 4.2 mm, 14 mm, 42 mm, 113 mm
    assert (LATTICE_SPACING_M, MIN_RESOLUTION, MAX_RESOLUTION) == (0.002, 4, 16) and r.tolist() == [4, 8, 16, 16]

    # a stripe's edge (2 mm soft) across one 3 cm face, decoded per pixel and looked up on the lattice
    v = torch.tensor([[0.0, 0.0, 0.0], [0.03, 0.0, 0.0], [0.0, 0.03, 0.0]])
    f = torch.tensor([[0, 1, 2]])
    stripe = lambda p: (torch.sigmoid((p[:, 1:2] - 0.011 - 0.2 * p[:, :1]) / 0.001).expand(-1, 3), p[:, :1] * 0)  # noqa: E731
    bary = torch.distributions.Dirichlet(torch.ones(3)).sample((4000,))
    exact = stripe(bary @ v)[0]
    tri = torch.zeros(4000, dtype=torch.long)
    error = {res: (bake_appearance(stripe, v, f, resolution=res).lookup(tri, bary)[0] - exact).abs().mean().item()
             for res in (MIN_RESOLUTION, None)}
    assert error[None] < 0.3 * error[MIN_RESOLUTION], error
    baked = bake_appearance(stripe, v, f)
    assert baked.resolution.tolist() == [16] and len(baked.values) == lattice_size(16) == 153


def test_a_lattice_of_one_r_a_face_reads_back_from_a_version_2_file(head, tmp_path):
    """A baked file written before each face had its own R (values [F,S,4], one R) looks up as it did."""
    from portraittalker.config import BAKED_FORMAT_VERSION
    from portraittalker.render.baked import BAKED_FORMAT, bake_appearance, load_baked

    verts, faces = torch.from_numpy(head.v_template), torch.from_numpy(head.faces)
    baked = bake_appearance(lambda p: (p * 3 + 0.5, p[:, :1] * 2), verts, faces, resolution=4)
    old = tmp_path / "v2.npz"
    np.savez(old, values=baked.values.numpy().reshape(len(faces), -1, 4), resolution=np.int32(4), topology=np.array("t"),
             format=np.array(BAKED_FORMAT), format_version=np.int32(2))
    loaded = load_baked(old, "t")
    assert BAKED_FORMAT_VERSION == 3 and loaded.resolution.tolist() == [4] * len(faces)
    tri = torch.arange(len(faces))
    bary = torch.full((len(faces), 3), 1 / 3)
    torch.testing.assert_close(loaded.lookup(tri, bary)[0], baked.lookup(tri, bary)[0])


def test_baked_and_exact_appearance_render_the_same_picture(head):
    from portraittalker.appearance.trigrid import TriGridConfig, TriGridField

    renderer = HeadRenderer(head, size=96, backend="egl", framing="head")
    field = TriGridField(TriGridConfig(), torch.Generator().manual_seed(3))
    with torch.no_grad():
        exact = renderer.render(rest(head), field, Scene())
        baked = renderer.render(rest(head), renderer.bake(field), Scene())
    diff = (exact - baked).abs()
    assert float(diff.mean()) < 0.5 / 255 and float(diff.max()) < 8 / 255


def holed(head):
    """The proxy with a mouth-sized hole in its front, so back faces show through."""
    centroids = head.v_template[head.faces].mean(1)
    keep = ~((np.abs(centroids[:, 0]) < 0.03) & (np.abs(centroids[:, 1] + 0.02) < 0.02) & (centroids[:, 2] > 0))
    return type(head)(head.v_template, head.faces[keep], head.regions, head.region_names, head.landmarks)


def test_gl_frames_match_the_torch_path(head):
    from portraittalker.appearance.trigrid import TriGridConfig, TriGridField
    from portraittalker.render.renderer import to_uint8

    mesh = holed(head)
    renderer = HeadRenderer(mesh, size=80, backend="egl", framing="head")
    baked = renderer.bake(TriGridField(TriGridConfig(), torch.Generator().manual_seed(5)))
    night = Scene(
        Lighting(key=Light((0.3, 0.6, 0.7), (0.5, 0.6, 1.0), 0.8), ambient=(0.05, 0.05, 0.08), softness=0.9, exposure=1.3),
        Background((0.1, 0.1, 0.3), (0.0, 0.0, 0.05), vignette=0.5, film_grain=0.4),
    )
    cameras = random_cameras(renderer.orbit, 3, (80, 80), torch.Generator().manual_seed(2))
    verts = rest(head, 3)
    for scene in (Scene(), night):
        ids = torch.tensor([7, 8, 9])
        with torch.no_grad():
            reference = to_uint8(renderer.render(verts, baked, scene, camera=cameras, frame_ids=ids)).astype(int)
        frames = renderer.render_frames(verts, baked, scene, camera=cameras, frame_ids=ids)
        assert frames.dtype == np.uint8 and frames.shape == (3, 80, 80, 3)
        assert np.abs(frames - reference).max() <= 2
        # Grain (the same hash in GLSL and torch) is added before the one 8-bit rounding.
        assert np.abs(frames - reference).mean() < 0.05


def doubled(head, scale: float, offset=(0.0, 0.0, 0.0)):
    """The proxy and a copy of it, scaled and moved, listed after it: two surfaces."""
    copy = head.v_template * scale + np.asarray(offset, dtype=np.float32)
    verts = np.concatenate([head.v_template, copy])
    faces = np.concatenate([head.faces, head.faces + len(head.v_template)])
    regions = np.concatenate([head.regions, head.regions])
    return type(head)(verts.astype(np.float32), faces, regions, head.region_names, head.landmarks)


def capped(head):
    """A smaller copy of the proxy in front of its right cheek: their edge lies inside the silhouette."""
    return doubled(head, 0.45, (0.03, 0.0, 0.06))


def test_gl_frames_match_the_torch_path_where_surfaces_meet(head):
    from portraittalker.appearance.trigrid import TriGridConfig, TriGridField
    from portraittalker.render.renderer import to_uint8

    mesh = capped(head)
    renderer = HeadRenderer(mesh, size=80, backend="egl", framing="head")
    assert set(renderer.face_labels.tolist()) == {1, 2}
    baked = renderer.bake(TriGridField(TriGridConfig(), torch.Generator().manual_seed(3)))
    cameras = random_cameras(renderer.orbit, 2, (80, 80), torch.Generator().manual_seed(4))
    scene, verts = Scene(background=Background(film_grain=0.0)), rest(mesh, 2)
    with torch.no_grad():
        reference = to_uint8(renderer.render(verts, baked, scene, camera=cameras)).astype(int)
        labels = renderer.face_labels
        renderer.face_labels = np.ones_like(labels)  # one surface: no edges inside the silhouette
        staircase = to_uint8(renderer.render(verts, baked, scene, camera=cameras)).astype(int)
        renderer.face_labels = labels
    frames = renderer.render_frames(verts, baked, scene, camera=cameras)
    assert np.abs(frames - reference).max() <= 2
    assert (np.abs(reference - staircase).max(-1) > 8).sum() > 20  # the edge between them is blended


def shelled(head, scale: float = 1.06):
    """The proxy inside a larger copy of itself (a garment over a body): every face of the inner
    head is hidden."""
    return doubled(head, scale)


def test_gl_frames_draw_front_to_back_with_the_same_picture(head):
    from portraittalker.appearance.trigrid import TriGridConfig, TriGridField
    from portraittalker.render.egl_frames import EGLFrameRenderer, front_to_back

    mesh = shelled(head)
    renderer = HeadRenderer(mesh, size=96, backend="egl", framing="head")
    order = front_to_back(renderer.camera.to_clip(renderer.verts_canonical[None])[0], renderer.faces)
    assert sorted(order.tolist()) == list(range(len(mesh.faces)))
    view_depth = renderer.camera.to_clip(renderer.verts_canonical[None])[0, :, 3].numpy()[mesh.faces].min(1)
    first, last = view_depth[order[: len(order) // 8]], view_depth[order[-len(order) // 8:]]
    assert first.max() < np.median(view_depth) < last.min()  # nearest eighth first, farthest last
    baked = renderer.bake(TriGridField(TriGridConfig(), torch.Generator().manual_seed(4)))
    cameras = random_cameras(renderer.orbit, 3, (96, 96), torch.Generator().manual_seed(1))
    scene = Scene(background=Background(film_grain=0.3))
    sorted_frames = renderer.render_frames(rest(mesh, 3), baked, scene, camera=cameras)
    renderer._gl_frames = EGLFrameRenderer(renderer.rasterizer, renderer.faces, renderer.rest_attributes[:, 3:5],
                                           renderer.normal_sign)  # the mesh's own order
    assert np.array_equal(sorted_frames, renderer.render_frames(rest(mesh, 3), baked, scene, camera=cameras))


def test_closed_sides_finds_closed_consistently_wound_surfaces(head):
    from portraittalker.render.mesh_topology import closed_sides

    assert (closed_sides(head.v_template, head.faces) == 1).all()  # the proxy is a closed, outward-wound shell
    assert (closed_sides(head.v_template, head.faces[:, ::-1]) == -1).all()  # wound inward
    assert (closed_sides(holed(head).v_template, holed(head).faces) == 0).all()  # a mouth-sized hole: open
    flipped = head.faces.copy()
    flipped[0] = flipped[0, ::-1]  # one face against its neighbours: not consistently wound
    assert (closed_sides(head.v_template, flipped) == 0).all()
    mesh = shelled(head)
    mesh.faces[len(head.faces):] = mesh.faces[len(head.faces):, ::-1]  # the shell wound inward, the head inside outward
    sides = closed_sides(mesh.v_template, mesh.faces)
    assert (sides[: len(head.faces)] == 1).all() and (sides[len(head.faces):] == -1).all()


def test_boundary_fans_add_up_to_the_faces_signed_projected_area(head):
    """Stokes on the boundary chain: in any projection the faces' signed areas sum to the
    fans' (the winding region counted with its multiplicity); a closed mesh has no fans."""
    from portraittalker.render.mesh_topology import boundary_fans

    def signed_area(points, tris):
        p = points[tris]
        return 0.5 * ((p[:, 1, 0] - p[:, 0, 0]) * (p[:, 2, 1] - p[:, 0, 1]) - (p[:, 2, 0] - p[:, 0, 0]) * (p[:, 1, 1] - p[:, 0, 1])).sum()

    assert len(boundary_fans(head.v_template, head.faces)) == 0
    mesh = holed(head)
    fans = boundary_fans(mesh.v_template, mesh.faces)
    assert len(fans) > 0 and np.isin(fans[:, 1:], mesh.faces).all()
    rotation = np.linalg.qr(np.random.default_rng(0).normal(size=(3, 3)))[0]
    for view in (np.eye(3), rotation):
        points = mesh.v_template.astype(np.float64) @ view
        assert signed_area(points, fans) == pytest.approx(signed_area(points, mesh.faces), rel=1e-9, abs=1e-12)


def _frames_as_before(monkeypatch, renderer, *args, **kwargs):
    """Frames drawn from every face in both passes (the selection switched off)."""
    from portraittalker.render import egl_frames

    with monkeypatch.context() as patch:
        patch.setattr(egl_frames, "facing_camera", lambda world, faces, *rest: np.ones(len(faces), dtype=bool))
        renderer._gl_frames = None
        frames = renderer.render_frames(*args, **kwargs)
    renderer._gl_frames = None
    return frames


def test_gl_frames_leave_out_back_faces_of_closed_surfaces_with_the_same_picture(head, monkeypatch):
    """Both windings and a camera orbit: about half the faces are shaded and no pixel changes,
    while leaving out the front faces instead would change the picture."""
    from portraittalker.appearance.trigrid import TriGridConfig, TriGridField
    from portraittalker.render import egl_frames

    mesh = shelled(head)
    mesh.faces[len(head.faces):] = mesh.faces[len(head.faces):, ::-1]
    renderer = HeadRenderer(mesh, size=96, backend="egl", framing="head")
    baked = renderer.bake(TriGridField(TriGridConfig(), torch.Generator().manual_seed(6)))
    cameras = random_cameras(renderer.orbit, 4, (96, 96), torch.Generator().manual_seed(3))
    scene = Scene(background=Background(film_grain=0.3))
    culled = renderer.render_frames(rest(mesh, 4), baked, scene, camera=cameras)
    assert 0.4 * len(mesh.faces) < renderer._gl_frames.counts[0] < 0.6 * len(mesh.faces)
    assert np.array_equal(culled, _frames_as_before(monkeypatch, renderer, rest(mesh, 4), baked, scene, camera=cameras))
    facing = egl_frames.facing_camera
    monkeypatch.setattr(egl_frames, "facing_camera", lambda *args: ~facing(*args))
    assert not np.array_equal(culled, renderer.render_frames(rest(mesh, 4), baked, scene, camera=cameras))


def test_gl_coverage_from_faces_facing_the_camera_and_the_boundary_winding(head, monkeypatch):
    """An open head seen through its hole from an orbit: the coverage pass draws only the faces
    turned towards the camera plus the boundary's winding region, and the frames are those
    drawn from every face; without the winding region the inside seen through the hole would
    lose its coverage."""
    from portraittalker.appearance.trigrid import TriGridConfig, TriGridField

    mesh = holed(head)
    renderer = HeadRenderer(mesh, size=96, backend="egl", framing="head")
    baked = renderer.bake(TriGridField(TriGridConfig(), torch.Generator().manual_seed(7)))
    cameras = random_cameras(renderer.orbit, 4, (96, 96), torch.Generator().manual_seed(4))
    frames = renderer.render_frames(rest(mesh, 4), baked, Scene(), camera=cameras)
    assert renderer._gl_frames.counts[1] < 0.7 * len(mesh.faces)
    assert np.array_equal(frames, _frames_as_before(monkeypatch, renderer, rest(mesh, 4), baked, Scene(), camera=cameras))
    renderer.render_frames(rest(mesh, 1), baked, Scene())
    renderer._gl_frames.fan_vao = None
    assert not np.array_equal(frames, renderer.render_frames(rest(mesh, 4), baked, Scene(), camera=cameras))


def test_portrait_framing_places_the_eyes(head):
    for framing, top_fraction in (("upper_body", 0.32), ("head", 0.41)):
        renderer = HeadRenderer(head, size=200, backend="egl", framing=framing)
        points = renderer.project_landmarks(rest(head))[0]
        names = renderer.landmark_names
        eyes = points[[names.index("eye_outer_left"), names.index("eye_outer_right")]]
        assert float(eyes[:, 1].mean()) / 200 == pytest.approx(top_fraction, abs=0.03)
        assert float(eyes[0, 0]) > float(eyes[1, 0])  # subject's left eye on the picture's right
        assert float(eyes[:, 0].mean()) == pytest.approx(100, abs=2)


def test_a_tall_top_widens_the_frame_upwards_within_reason(head):
    v, lm = np.asarray(head.v_template, np.float64), head.landmarks
    eyes_y = v[[lm["eye_outer_left"], lm["eye_outer_right"]], 1].mean()
    face = eyes_y - v[lm["chin"], 1]

    def frame(top_above_eyes):   # (the top's row, the face's height in pixels) in a 200 px upper-body frame
        tall = np.concatenate([v, [[0.0, eyes_y + top_above_eyes * face, v[lm["chin"], 2] - 0.05]]])
        camera = orbit_cameras(portrait_orbit(tall, lm, "upper_body"), (200, 200))
        pts = project_points(torch.tensor(tall[[-1, lm["chin"], lm["eye_outer_left"]]], dtype=torch.float32)[None],
                             camera)[0]
        return float(pts[0, 1]), float(pts[1, 1] - pts[2, 1])

    plain_face = frame(0.5)[1]
    hat_top, hat_face = frame(1.7)             # a top hat: all of it in the frame, the face a little smaller
    assert 0 < hat_top < 10 and 0.88 * plain_face < hat_face < 0.95 * plain_face
    tower_top, tower_face = frame(4.0)         # far too tall: cut, and the face no smaller than that
    assert tower_top < 0 and tower_face > 0.88 * plain_face


def test_bbox_fallback_frames_a_head_without_landmarks(head):
    orbit = portrait_orbit(head.v_template, None, "head")
    assert orbit.target[1] == pytest.approx(0.02, abs=0.05) and 0.3 < orbit.distance < 2.0


def test_projected_landmarks_land_on_rendered_pixels(head):
    renderer = HeadRenderer(head, size=128, backend="egl", framing="head")
    verts = rest(head)
    mask = renderer.render_layers(verts, flat_appearance(torch.tensor([0.5, 0.5, 0.5])), Scene()).mask[0]
    for x, y in renderer.project_landmarks(verts)[0].tolist():
        assert mask[int(y), int(x)]


def test_turntable_and_random_cameras(head):
    orbit = portrait_orbit(head.v_template, head.landmarks, "head")
    table = turntable_cameras(orbit, 4, (32, 32), pitch_deg=0.0)
    target = torch.tensor(orbit.target)
    offsets = table.position - target
    torch.testing.assert_close(offsets.norm(dim=-1), torch.full((4,), orbit.distance), atol=1e-4, rtol=1e-5)
    assert offsets[0, 2] > 0 and offsets[2, 2] < 0 and offsets[1, 0] > 0  # front, back, subject's left
    cams = random_cameras(orbit, 16, (32, 32), torch.Generator().manual_seed(0), yaw_range_deg=30)
    centre = project_points(target.expand(16, 1, 3), cams)[:, 0]
    torch.testing.assert_close(centre, torch.full((16, 2), 16.0), atol=1e-3, rtol=0)
    yaw = torch.rad2deg(torch.atan2(cams.position[:, 0] - target[0], cams.position[:, 2] - target[2]))
    assert yaw.abs().max() <= 30.01 and yaw.std() > 5


def test_missing_egl_names_the_debian_packages(monkeypatch):
    import moderngl

    from portraittalker.render import egl

    def fail(*args, **kwargs):
        raise Exception("libEGL.so.1: cannot open shared object file")

    monkeypatch.setattr(moderngl, "create_standalone_context", fail)
    with pytest.raises(PortraitTalkerError, match="libegl1 libegl-mesa0 libgl1-mesa-dri"):
        egl.create_egl_context()


def test_unknown_backend_is_a_clear_error():
    with pytest.raises(PortraitTalkerError, match="unknown"):
        get_rasterizer("vulkan")


@pytest.mark.gpu
@pytest.mark.skipif(not nvdiffrast_available(), reason="needs CUDA and nvdiffrast")
def test_egl_and_nvdiffrast_agree(head):
    egl_r = HeadRenderer(head, size=128, backend="egl", framing="head")
    nv_r = HeadRenderer(head, size=128, backend="nvdiffrast", framing="head")
    verts = rest(head)
    clip = egl_r.camera.to_clip(verts)
    rast_gl = egl_r.rasterizer.rasterize(clip, egl_r.faces, (128, 128))
    rast_nv = nv_r.rasterizer.rasterize(clip.cuda(), nv_r.faces, (128, 128)).cpu()
    # measured on an H200 (2026-12-04): the silhouettes agree on all but 2 of 16384 pixels; the triangle
    # ids on 98.0%, every difference on an edge between two of the head's pixel-sized triangles (where
    # the two rasterizers break ties their own way); off those edges ids and barycentrics agree to 1e-6
    assert float(((rast_gl[..., 3] > 0) == (rast_nv[..., 3] > 0)).float().mean()) > 0.999
    ids = rast_gl[0, ..., 3]
    pad = torch.nn.functional.pad(ids[None, None], (1, 1, 1, 1), mode="replicate")[0, 0]
    off_edges = ids > 0
    for dy in range(3):
        for dx in range(3):
            off_edges &= pad[dy:dy + 128, dx:dx + 128] == ids
    assert off_edges.sum() > 100 and torch.equal(rast_nv[0, ..., 3][off_edges], ids[off_edges])
    torch.testing.assert_close(rast_gl[0][off_edges][:, :2], rast_nv[0][off_edges][:, :2], atol=1e-4, rtol=0)
    same = rast_gl[..., 3] == rast_nv[..., 3]
    assert float(same.float().mean()) > 0.97
    both = same & (rast_gl[..., 3] > 0)
    torch.testing.assert_close(rast_gl[both], rast_nv[both], atol=5e-3, rtol=0)
    appearance = flat_appearance(torch.tensor([0.6, 0.5, 0.45]))
    img_gl = egl_r.render(verts, appearance, Scene())
    img_nv = nv_r.render(verts.cuda(), lambda p: tuple(t.to(p.device) for t in appearance(p)), Scene()).cpu()
    assert float((img_gl - img_nv).abs().mean()) < 0.01


def bundled_head_or_skip():
    from portraittalker.head import BUNDLED_HEAD_PATH, load_head_model

    if not BUNDLED_HEAD_PATH.is_file():
        pytest.skip("bundled head model not built (python scripts/build_head_model.py)")
    return load_head_model("bundled")


def test_open_mouth_is_dark_inside_with_visible_teeth():
    from portraittalker.head import FlameLayer

    head = bundled_head_or_skip()
    layer = FlameLayer(head)
    zeros = lambda w: torch.zeros(1, w)  # noqa: E731
    jaw = zeros(3)
    jaw[0, 0] = 0.3
    with torch.no_grad():
        verts = layer(zeros(layer.num_expression), jaw, zeros(3), zeros(3), zeros(6))
    renderer = HeadRenderer(head, size=256, backend="egl", framing="head")
    image = renderer.render(verts, flat_appearance(torch.tensor([0.6, 0.6, 0.6])), Scene())[0].mean(-1)
    rast = renderer.rasterizer.rasterize(renderer.camera.to_clip(verts), renderer.faces, (256, 256))[0].flip(0)
    face_region = torch.from_numpy(np.asarray(head.regions))[torch.from_numpy(head.faces[:, 0]).long()]
    region = torch.where(rast[..., 3] > 0, face_region[(rast[..., 3].long() - 1).clamp_min(0)], -1)
    names = head.region_names
    cavity, teeth, skin = (region == names.index(n) for n in ("mouth_cavity", "teeth", "skin"))
    assert int(cavity.sum()) > 20 and int(teeth.sum()) > 20  # both visible through the open lips
    assert float(image[cavity].mean()) < 0.35 * float(image[skin].mean())
    assert float(image[teeth].mean()) > 2.0 * float(image[cavity].mean())


def test_closed_lips_do_not_z_fight():
    # A tiny camera move must not flip which surface wins at the lips (lips vs teeth/cavity).
    head = bundled_head_or_skip()
    renderer = HeadRenderer(head, size=384, backend="egl", framing="head")
    verts = torch.from_numpy(head.v_template)[None].float()
    face_region = torch.from_numpy(np.asarray(head.regions))[torch.from_numpy(head.faces[:, 0]).long()]
    from portraittalker.render import orbit_cameras

    labels = []
    for yaw in (0.0, 0.02):
        camera = orbit_cameras(renderer.orbit, (384, 384), yaw_deg=torch.tensor([yaw]))
        rast = renderer.rasterizer.rasterize(camera.to_clip(verts), renderer.faces, (384, 384))[0].flip(0)
        labels.append(torch.where(rast[..., 3] > 0, face_region[(rast[..., 3].long() - 1).clamp_min(0)], -1))
    points = renderer.project_landmarks(verts)[0]
    names = renderer.landmark_names
    mouth = points[[names.index(n) for n in ("mouth_corner_left", "mouth_corner_right", "lip_outer_top", "lip_outer_bottom")]]
    (x0, y0), (x1, y1) = mouth.min(0).values.long().tolist(), mouth.max(0).values.long().tolist()
    box = [lab[y0 - 2:y1 + 3, x0 - 2:x1 + 3] for lab in labels]
    assert box[0].numel() > 200
    flipped = float((box[0] != box[1]).float().mean())
    assert flipped < 0.02, flipped
