"""Prompt prior: the target appearance and scene follow the prompt's attributes."""

import numpy as np
import pytest
import torch
from test_avatar_standins import standin_head

from portraittalker.appearance.paint import PriorTarget
from portraittalker.head.parts.body import Anchors
from portraittalker.head.parts.hair import side_shaved
from portraittalker.identity import choose_scene, identity_from_prompt, parse_prompt, resolve_look
from portraittalker.identity.look import region_palette


@pytest.fixture(scope="module")
def head():
    return standin_head()


def _target(head, prompt, seed=0):
    return PriorTarget(head, resolve_look(identity_from_prompt(prompt, seed)), seed=seed)


def _region_points(head, name):
    return torch.as_tensor(head.v_template[head.region_mask(name)])


def _luminance(rgb):
    return rgb @ torch.tensor([0.2126, 0.7152, 0.0722])


def test_blue_haired_woman_has_blue_hair(head):
    albedo, _ = _target(head, "blue-haired woman")(_region_points(head, "hair_cap"))
    r, g, b = albedo.mean(0)
    assert b > 3 * r and b > 2 * g
    # dyed hair keeps natural (dark) brows
    brows, _ = _target(head, "blue-haired woman")(_region_points(head, "brow"))
    assert brows.mean(0)[2] < 0.2


def test_locs_are_painted_as_twisted_ropes(head):
    y = torch.linspace(-0.1, 0.0, 201)
    line = torch.stack([torch.full_like(y, 0.08), y, torch.full_like(y, -0.03)], dim=1)   # down a hanging lock
    locs = _luminance(_target(head, "a woman with red dreadlocks").hair_strands(line))
    plain = _luminance(_target(head, "a woman with shoulder length curly red hair").hair_strands(line))
    twist = locs / plain
    # light and dark bands across the lock every centimetre or so, on the plain hair's shade
    crossings = int(((twist[1:] - twist.mean()) * (twist[:-1] - twist.mean()) < 0).sum())
    assert 8 <= crossings <= 30 and float(twist.std()) > 0.1


def test_an_afro_is_painted_matt_in_coils(head):
    # an afro shone like black plastic (straight hair's 0.35) and was painted in strands running down
    afro, straight = _target(head, "a man with an afro"), _target(head, "a man with long straight hair")
    assert afro.hair_shine <= 0.1 and straight.hair_shine >= 0.3
    t = torch.linspace(0.0, 0.04, 161)
    across = torch.stack([t - 0.02, torch.full_like(t, 0.1), torch.full_like(t, 0.05)], dim=1)   # 4 cm over the top
    down = torch.stack([torch.full_like(t, 0.07), 0.08 - t, torch.full_like(t, 0.0)], dim=1)      # 4 cm down a side
    for line in (across, down):   # specks of coils every few millimetres, whichever way
        shade = _luminance(afro.hair_strands(line))
        crossings = int(((shade[1:] - shade.mean()) * (shade[:-1] - shade.mean()) < 0).sum())
        assert crossings >= 8 and float(shade.std() / shade.mean()) > 0.15


def test_coiled_crops_and_buzz_cuts_are_matt(head):
    # short curls and buzz cuts shone at straight hair's 0.35: a black plastic cap with wet white blotches
    straight = _target(head, "a man with short straight brown hair")
    assert straight.crop_coil == 0.0 and straight.hair_shine >= 0.3
    for prompt in ("a young Black man with short curly hair", "a young Black woman with a teeny weeny afro",
                   "a man with short curly hair", "a seven-year-old African boy with a buzz cut",
                   "a blond boy with a buzz cut",    # by the curl and the style, not by who wears it
                   "a balding man in his fifties with brown hair"):   # his few mm round the back and sides too
        assert _target(head, prompt).hair_shine <= 0.1, prompt
    # the curl, not the style name, makes a short crop coiled (and its matt grain)
    assert _target(head, "a man with short curly hair").crop_coil == 1.0
    assert _target(head, "a blond boy with a buzz cut").crop_coil < 0.1


def test_a_coiled_crop_is_painted_in_grain_that_survives_the_bake(head):
    target = _target(head, "a young Black man with short curly hair")
    offsets = torch.linspace(-0.0015, 0.0015, 5)
    dx, dy = torch.meshgrid(offsets, offsets, indexing="ij")
    texel = torch.stack([dx.ravel(), dy.ravel(), torch.zeros(25)], 1)

    def seen(q):   # what the bake's 3 mm lattice keeps: the mean over a 3 mm square round each point
        return _luminance(torch.stack([target.hair_strands(q + d) for d in texel]).mean(0))

    t = torch.linspace(0.0, 0.04, 161)
    across = torch.stack([t - 0.02, torch.full_like(t, 0.1), torch.full_like(t, 0.05)], dim=1)
    down = torch.stack([torch.full_like(t, 0.07), 0.08 - t, torch.full_like(t, 0.0)], dim=1)
    window = torch.ones(1, 1, 41) / 41   # 1 cm: the coils' clusters, taken out
    for line in (across, down):   # specks every few millimetres whichever way, not strands running down
        shade = seen(line)
        fine = (shade - torch.nn.functional.conv1d(shade[None, None], window, padding=20)[0, 0])[20:-20]
        crossings = int((fine[1:] * fine[:-1] < 0).sum())
        assert crossings >= 3 and float(fine.std() / shade.mean()) > 0.1   # strands: 0 down, 0.02


def test_a_buzz_cut_shows_the_scalp_through_its_hair(head):
    top = _region_points(head, "hair_cap")
    for prompt in ("a seven-year-old African boy with a buzz cut", "a man with a black buzz cut",
                   "a balding man in his fifties with brown hair"):
        target = _target(head, prompt)
        hair, skin = _luminance(torch.tensor(target.look.hair)), _luminance(target.skin(top)).mean()
        buzz = _luminance(target.hair_strands(top)).mean()
        assert hair + 0.04 * (skin - hair) < buzz < hair + 0.3 * (skin - hair), prompt
    # a longer crop of the same hair hides the scalp
    curls = _target(head, "a seven-year-old African boy with short curly hair")
    hair, skin = _luminance(torch.tensor(curls.look.hair)), _luminance(curls.skin(top)).mean()
    assert _luminance(curls.hair_strands(top)).mean() < hair + 0.035 * (skin - hair)   # (its coils' grey tips)


def test_a_close_crop_thins_into_the_skin_at_its_hairline():
    from portraittalker.head import load_head_model
    from portraittalker.head.parts import dress_head

    for style, prompt in (("buzz", "a man with a black buzz cut"), ("short", "a young Black man with short curly hair")):
        identity = identity_from_prompt(prompt, 0)
        look = resolve_look(identity)
        assert identity.hair.style == style
        dressed = dress_head(load_head_model("bundled"), hair_style=style, hair_curl=identity.hair.curl,
                             hair_fringe=identity.hair.fringe)
        target = PriorTarget(dressed, look, seed=0)
        faces = dressed.faces[dressed.region_mask("hair")[dressed.faces].all(axis=1)]
        bary = np.array([[4, 0, 0], [0, 4, 0], [0, 0, 4], [2, 1, 1], [1, 2, 1], [1, 1, 2]]) / 4.0   # corners, inside
        hair = torch.as_tensor(np.einsum("sk,fkd->fsd", bary, dressed.v_template[faces]).reshape(-1, 3),
                               dtype=torch.float32)
        height = target.crop_body.query(hair.numpy())[0]   # over the skin: the shell thins out at its edge
        colour, skin = target.hair_strands(hair), target.skin(hair)
        full = torch.as_tensor(height > 0.005)
        share = ((colour - colour[full].mean(0)) / (skin - colour[full].mean(0))).mean(1)   # 0 hair .. 1 skin
        edge = torch.as_tensor((height > 0.0) & (height < 0.001))
        assert edge.sum() > 20 and float(share[edge].mean()) > 0.6, style
        assert float(share[full].abs().mean()) < 0.2, style
        # an irregular line: as high over the skin, some points are hair and some skin
        band = torch.as_tensor((height > 0.0012) & (height < 0.0022))
        assert band.sum() > 20 and float(share[band].std()) > 0.15, style
        # the scalp under it fades towards its label's edge too (where it shows past the shell's end)
        cap = torch.as_tensor(dressed.v_template[dressed.region_mask("hair_cap")], dtype=torch.float32)
        inner = target.lookup.smoothed_share(cap, ("hair_cap",), 0.004)
        lum = _luminance(target.scalp(cap))
        assert lum[inner < 0.35].mean() > 2 * lum[inner > 0.95].mean(), style
        # a matt sheen, broken up by the coils or bristles (straight hair's is 0.35 all over)
        _, spec = target(hair)
        assert float(spec.mean()) < 0.1 and float(spec.std()) > 0.01, style


def test_a_beard_is_painted_in_locks_running_down(head):
    # fine speckle alone averaged out in the tri-grid's 2 mm texels, leaving a flat glossy mask
    target = PriorTarget(head, resolve_look(identity_from_prompt("a man with a long red beard", 0)), seed=0)
    offsets = torch.linspace(-0.001, 0.001, 5)
    dx, dy = torch.meshgrid(offsets, offsets, indexing="ij")
    texel = torch.stack([dx.ravel(), dy.ravel(), torch.zeros(25)], 1)

    def seen(q):   # what a 2 mm texel keeps: the mean over a 2 mm square round each point
        return torch.stack([target.facial_hair(q + d).mean(dim=1) for d in texel]).mean(0)

    t = torch.linspace(-0.02, 0.02, 200)
    across = seen(torch.stack([t, torch.full_like(t, -0.06), torch.full_like(t, 0.08)], 1))
    down = seen(torch.stack([torch.full_like(t, 0.01), -0.06 + t, torch.full_like(t, 0.08)], 1))
    assert (across.max() - across.min()) > 0.25 * across.mean()             # shading that survives the bake
    crossings = lambda x: int(((x[1:] - x.mean()) * (x[:-1] - x.mean()) < 0).sum())  # noqa: E731
    assert crossings(across) > crossings(down)                                # narrow across, long down


def test_elderly_woman_has_grey_hair_and_wrinkles(head):
    old = _target(head, "elderly Korean woman")
    young = _target(head, "25 y.o. Korean woman")
    hair, _ = old(_region_points(head, "hair_cap"))
    mean = hair.mean(0)
    assert float(mean.max() - mean.min()) < 0.05          # unsaturated: grey/white
    assert float(_luminance(mean)) > 0.25                   # light, not black
    young_hair, _ = young(_region_points(head, "hair_cap"))
    assert float(_luminance(young_hair.mean(0))) < 0.1
    # wrinkles: darkening on the front of the face, none at 25
    face = torch.as_tensor(head.v_template[head.region_mask("skin") & (head.v_template[:, 2] > 0.05)])
    assert float(young.wrinkles(face).max()) == 0.0
    lined = old.wrinkles(face)
    assert float(lined.max()) > 0.15 and float((lined > 0.02).float().mean()) > 0.05
    # and they show in the albedo as extra fine-scale variation
    lum_old = _luminance(old(face)[0])
    lum_young = _luminance(young(face)[0])
    assert float((lum_old / lum_young).std()) > 0.03


def test_age_relief_grows_with_age_and_furrows_less_on_women(head):
    """Age creases are painted as relief (dark grooves, lit ridges), deeper with age; a woman's
    forehead furrows less than a man's of the same age."""
    face = torch.as_tensor(head.v_template[head.region_mask("skin") & (head.v_template[:, 2] > 0.05)])
    dark = {}
    for prompt in ("a 25-year-old man", "a 60-year-old man", "an 85-year-old man", "an 85-year-old woman"):
        target = _target(head, prompt)
        d, lit = target.age_shading(face)
        dark[prompt] = d
        if prompt == "a 25-year-old man":
            assert float(d.max()) == 0.0 and float(lit.max()) == 0.0
        else:
            assert float(lit.max()) > 0.02   # the lit side of a crease
    assert float(dark["a 60-year-old man"].mean()) < 0.8 * float(dark["an 85-year-old man"].mean())
    # a grid over the forehead, in front of the face
    an = _target(head, "an 85-year-old man").anchors
    xs, ys = torch.meshgrid(torch.linspace(-0.04, 0.04, 40), torch.linspace(0.012, 0.05, 60), indexing="ij")
    forehead = torch.stack([xs.flatten(), an.brow_y + ys.flatten(), torch.full((xs.numel(),), float(an.nose_tip[2]) - 0.02)], 1)
    man, woman = (float(_target(head, p).age_shading(forehead)[0].mean()) for p in ("an 85-year-old man",
                                                                                     "an 85-year-old woman"))
    assert 0.0 < woman < 0.75 * man


def test_dark_and_pale_skin_differ_in_luminance(head):
    skin = _region_points(head, "skin")
    dark = _luminance(_target(head, "dark-skinned man")(skin)[0]).mean()
    pale = _luminance(_target(head, "pale-skinned man")(skin)[0]).mean()
    assert pale > 3 * dark
    assert float(dark) > 0.02  # still a lit, visible skin


def test_eye_colour_and_beard(head):
    bearded = _target(head, "man with a full beard")
    shaved = _target(head, "clean-shaven man")
    beard_pts = _region_points(head, "beard")
    assert _luminance(bearded(beard_pts)[0]).mean() < 0.5 * _luminance(shaved(beard_pts)[0]).mean()


def test_a_goatee_is_painted_down_to_the_chin_not_down_the_neck(head):
    goatee = _target(head, "a man with a black goatee")
    shaved = _target(head, "a clean-shaven man")
    lip_top, chin = goatee.anchors.lip_top_y, float(Anchors.from_head(head).chin[1])
    pts = _region_points(head, "beard")
    pts = torch.cat([pts, _region_points(head, "neck")])
    middle = pts[:, 0].abs() < 0.015
    on_chin = middle & (pts[:, 1] < lip_top - 0.012) & (pts[:, 1] > chin + 0.005)
    below = middle & (pts[:, 1] < chin - 0.02)
    assert on_chin.any() and below.any()
    ratio = _luminance(goatee.beard(pts)) / _luminance(shaved.beard(pts))
    assert ratio[on_chin].mean() < 0.5 and ratio[below].mean() > 0.9


def test_a_moustache_is_painted_in_its_shape(head):
    """The painted hair round a moustache's shell follows its shape (`moustache_cover`), not one box:
    a handlebar's up its tips, a pencil's not up under the nose."""
    from portraittalker.head.parts.facial_hair import moustache_cover

    shaved = _target(head, "a clean-shaven man")
    faces = np.asarray(head.faces)
    on = head.region_mask("beard") | head.region_mask("skin")
    corners = np.asarray(head.v_template, dtype=np.float64)[faces[on[faces].all(axis=1)]]
    weights = np.random.default_rng(0).dirichlet(np.ones(3), 40)
    pts = torch.as_tensor(np.einsum("sk,fkd->fsd", weights, corners).reshape(-1, 3), dtype=torch.float32)
    painted = {}
    for shape in ("handlebar", "pencil", None):
        cover = moustache_cover(head, shape)(pts.double().numpy())
        target = _target(head, f"a man with a black {shape or ''} moustache")
        painted[shape] = (cover, _luminance(target.beard(pts)) / _luminance(shaved.beard(pts)))
    tips = (painted["handlebar"][0] > 0.9) & (painted[None][0] < 0.05)
    roots = (painted[None][0] > 0.9) & (painted["pencil"][0] < 0.05)
    assert tips.sum() > 3 and roots.sum() > 3
    assert painted["handlebar"][1][tips].mean() < 0.5 and painted[None][1][tips].mean() > 0.9
    assert painted[None][1][roots].mean() < 0.5 and painted["pencil"][1][roots].mean() > 0.9


def test_stubble_follows_the_smooth_beard_line_in_blue_grey_not_the_beard_regions_edge(head):
    stubble = _target(head, "a man with black stubble")
    shaved = _target(head, "a clean-shaven man with black hair")
    pts = torch.cat([_region_points(head, "beard"), _region_points(head, "skin")])
    # the beard region and the skin round it are painted alike: no step along the region's ragged edge
    assert torch.allclose(stubble.beard(pts), stubble.skin(pts))
    area = stubble.beard_area(pts)
    ratio = stubble.skin(pts) / shaved.skin(pts)
    inside, outside = area > 0.95, area < 0.02
    assert inside.sum() > 20 and outside.sum() > 20
    assert torch.allclose(ratio[outside], torch.ones_like(ratio[outside]), atol=0.01)   # none above the line
    darker = ratio[inside].mean(dim=0)
    assert float(darker.mean()) < 0.8                  # a shadow darker than a shaved man's
    assert float(darker[2]) > float(darker[0]) + 0.05  # blue-grey: red taken more than blue (dark paint: brown)
    dots = _luminance(stubble.skin(pts[inside])) / _luminance(shaved.skin(pts[inside]))
    assert float(dots.std()) > 0.04                    # the hairs' ends, not a flat wash


def test_a_turbans_layers_overlap_in_light_and_shadow_and_cross_in_a_v_over_the_forehead(head):
    target = _target(head, "a man in a white turban")
    crown, neck = target.anchors.crown, target.anchors.neck_center
    y = torch.linspace(float(crown[1]) - 0.08, float(crown[1]) - 0.02, 121)

    def line(x, z):
        return torch.stack([torch.full_like(y, x), y, torch.full_like(y, z)], 1)

    front, back = float(neck[2]) + 0.09, float(neck[2]) - 0.09
    up_front = _luminance(target.headwear(line(0.0, front)))
    assert float(up_front.max() / up_front.min()) > 1.6           # lit layers over shadowed edges (a sine: 1.36)
    # over the forehead a layer rises towards the sides (a V); behind the head it runs level
    side = _luminance(target.headwear(line(0.03, front)))
    shift = int(torch.argmax(torch.stack([(torch.roll(side, k) * up_front).sum() for k in range(-20, 21)]))) - 20
    assert shift != 0
    behind_side = _luminance(target.headwear(line(0.03, back)))
    behind_middle = _luminance(target.headwear(line(0.0, back)))
    assert torch.corrcoef(torch.stack([behind_side, behind_middle]))[0, 1] > 0.9


def test_a_keffiyehs_checks_run_evenly_round_the_head_without_rings_or_a_seam(head):
    target = _target(head, "a man in a red and white keffiyeh")
    neck = target.anchors.neck_center
    angle = torch.linspace(-np.pi, np.pi, 2001)
    y = float(target.anchors.brow_y) + 0.0043          # between two of the level lines
    ring = torch.stack([0.09 * torch.sin(angle), torch.full_like(angle, y), float(neck[2]) + 0.09 * torch.cos(angle)], 1)
    white = target.headwear(ring)[:, 1]                 # the red lines are dark in green
    red = (white < white.min() + 0.5 * (white.max() - white.min())).int()
    starts = torch.nonzero(red[1:] - red[:-1] == 1).flatten().float()
    gaps = starts[1:] - starts[:-1]
    assert len(starts) > 20
    assert float(gaps.std() / gaps.mean()) < 0.15       # evenly spaced all round (x's contours: rings at the sides)
    assert abs(float(white[0] - white[-1])) < 0.02      # no seam at the back


def test_a_floral_headscarf_has_its_flowers_on_the_sides_too_and_a_plain_one_none(head):
    """A print said with a head covering is painted on it, round the head: on the side of the head, where
    a front-view print is constant along the depth (drawn out into streaks), the flowers come and go."""
    floral = _target(head, "an old woman in a black floral headscarf")
    plain = _target(head, "an old woman in a black headscarf")
    neck = floral.anchors.neck_center
    z = torch.linspace(float(neck[2]) - 0.06, float(neck[2]) + 0.06, 241)
    crossings = 0
    for y in float(floral.anchors.brow_y) + torch.linspace(-0.03, 0.03, 7):   # lines front to back along the side
        side = torch.stack([torch.full_like(z, 0.085), torch.full_like(z, float(y)), z], 1)
        flowers, cloth = _luminance(floral.headwear(side)), _luminance(plain.headwear(side))
        assert float(cloth.max()) < 0.1
        lit = (flowers > 2 * float(cloth.max())).int()
        crossings += int((lit[1:] != lit[:-1]).sum())
    assert crossings >= 8                                                   # flowers begin and end along them


def test_freckles_are_tan_dots_not_grey_blotches(head):
    pts = _region_points(head, "skin")
    plain = _target(head, "a nordic woman").skin(pts)
    freckled = _target(head, "a nordic woman with freckles").skin(pts)
    ratio = freckled / plain
    spots = ratio.mean(dim=1) < 0.9
    assert 0.01 < spots.float().mean() < 0.3                     # dots over the nose and cheeks, not a wash
    red, blue = ratio[spots, 0].mean(), ratio[spots, 2].mean()
    assert red > blue + 0.1                                       # brown: blue darkened more than red (grey: equal)


def test_an_undercuts_clipped_sides_are_darker_than_a_shaved_scalp(head):
    scalp = _region_points(head, "hair_cap")
    clipped = _luminance(_target(head, "a man with black hair in an undercut").scalp(scalp)).mean()
    shaved = _luminance(_target(head, "a man with black hair and a shaved head").scalp(scalp)).mean()
    skin = _luminance(_target(head, "a man with black hair and a shaved head").skin(scalp)).mean()
    assert clipped < 0.8 * shaved < 0.8 * skin


def test_a_side_shaves_patch_is_clipped_and_the_rest_of_the_scalp_hair_coloured(head):
    scalp = _region_points(head, "hair_cap")
    target = _target(head, "a woman with black hair and a side shave")
    shaved = torch.as_tensor(side_shaved(Anchors.from_head(head), scalp.double().numpy()))
    patch, rest = scalp[shaved > 0.9], scalp[shaved == 0]
    assert len(patch) > 20 and float(patch[:, 0].max()) < 0                  # on the person's right
    lum = _luminance(target.scalp(scalp))
    assert float(lum[shaved > 0.9].mean()) > 3 * float(lum[shaved < 0.1].mean())   # skin through the stubble
    assert torch.allclose(target.scalp(rest), target.hair(rest))
    plain = _target(head, "a woman with black hair")
    assert torch.allclose(plain.scalp(patch), plain.hair(patch))             # no patch without the words


def test_greying_hair_mixes_grey_through_its_own_colour_most_at_the_temples(head):
    target = _target(head, "a man with greying dark brown hair")
    plain = _target(head, "a man with dark brown hair")
    crown = torch.as_tensor(target.anchors.crown, dtype=torch.float32)

    def share_at(azimuths, drop):   # the grey's mean share on an arc `drop` below the crown
        az = torch.as_tensor(azimuths, dtype=torch.float32)
        d = torch.stack([0.07 * torch.sin(az), torch.full_like(az, -drop), 0.07 * torch.cos(az)], 1)
        return float(target.hair_accent_share(crown + d, d, az).mean())
    temples = share_at(np.concatenate([np.linspace(1.0, 1.4, 50), -np.linspace(1.0, 1.4, 50)]), 0.09)
    top = share_at(np.linspace(-np.pi, np.pi, 100), 0.01)
    assert temples > top + 0.2                                                     # greyer at the temples ...
    assert 0.05 < top < 0.4                                                        # ... and grey hairs all through
    scalp = _region_points(head, "hair_cap")
    lum = _luminance(target.hair(scalp)).mean()
    assert lum > 1.15 * _luminance(plain.hair(scalp)).mean()                      # lighter than the dark hair alone


def test_split_dyed_hair_is_one_colour_on_each_half_and_dark_roots_darken_the_top(head):
    scalp = _region_points(head, "hair_cap")
    split = _target(head, "a woman with half black half white hair")
    lum = _luminance(split.hair(scalp))
    left, right = scalp[:, 0] > 0.01, scalp[:, 0] < -0.01   # the person's left (+x) takes the second colour
    assert float(lum[left].min()) > 3 * float(lum[right].max())
    roots = _target(head, "a woman with platinum hair and black roots")
    plain = _target(head, "a woman with platinum hair")
    crown = torch.as_tensor(roots.anchors.crown, dtype=torch.float32)
    near = (scalp - crown).norm(dim=1) < 0.06
    far = (scalp - crown).norm(dim=1) > 0.14
    assert near.sum() > 20 and far.sum() > 20
    assert _luminance(roots.hair(scalp[near])).mean() < 0.3 * _luminance(plain.hair(scalp[near])).mean()   # dark at the top
    assert _luminance(roots.hair(scalp[far])).mean() > 0.75 * _luminance(plain.hair(scalp[far])).mean()   # its colour below


def _brow(head, prompt):
    """(points inside the painted brow on a plane just before the brow ridge, their luminance over
    the skin's as 2 mm texels keep it)."""
    target = _target(head, prompt)
    c = target.anchors.eye_centers[0]
    xs, ys = torch.linspace(-0.08, 0.08, 161), torch.linspace(float(c[1]), float(c[1]) + 0.04, 41)
    x, y = torch.meshgrid(xs, ys, indexing="ij")
    plane = torch.stack([x.ravel(), y.ravel(), torch.full((x.numel(),), float(c[2]) + 0.012)], 1)
    inside = plane[target.brow_arch(plane) > 0.5]
    offsets = torch.linspace(-0.001, 0.001, 3)
    dx, dy = torch.meshgrid(offsets, offsets, indexing="ij")
    texel = torch.stack([dx.ravel(), dy.ravel(), torch.zeros(9)], 1)
    seen = torch.stack([target(inside + d)[0] for d in texel]).mean(0)
    return len(inside), float((_luminance(seen) / _luminance(target.skin(inside))).mean())


def test_a_womans_brows_are_finer_than_a_mans_but_still_show(head):
    # thin plucked bands, 20% lighter, barely showed once baked: the faces read as browless
    man, _ = _brow(head, "a 30 year old man")
    for prompt in ("a young blonde woman", "a 30 year old woman with brown hair"):
        woman, shade = _brow(head, prompt)
        assert 0.4 * man < woman < 0.8 * man and shade < 0.75, prompt
    # a woman's brows thin with age: an old woman's band is narrower as well as sparser
    young, _ = _brow(head, "a 30 year old woman with brown hair")
    old, _ = _brow(head, "an 80 year old woman with brown hair")
    assert old < 0.85 * young


def test_a_full_beard_thins_out_towards_its_line_on_the_cheeks_and_is_not_flat_black():
    from portraittalker.head import load_head_model
    from portraittalker.head.parts import dress_head

    dressed = dress_head(load_head_model("bundled"), hair_style="short", facial_hair="full_beard")
    target = PriorTarget(dressed, resolve_look(identity_from_prompt("a man with a full black beard", 0)), seed=0)
    beard = torch.as_tensor(dressed.v_template[dressed.region_mask("facial_hair")], dtype=torch.float32)
    to_line, _ = target.beard_cheek_edge.query(beard.numpy())
    shade = _luminance(target.facial_hair(beard))
    edge, inside = shade[torch.as_tensor(to_line < 0.004)], shade[torch.as_tensor(to_line > 0.02)]
    skin = _luminance(target.skin(beard)).mean()
    assert edge.mean() > 0.4 * skin and inside.mean() < 0.1 * skin    # the skin shows through at the line only
    assert inside.mean() > 0.006 and inside.std() > 0.002              # black hair catches the light, in locks
    # its sideburns in front of the ears are hair, not faded from both their edges into a pale band
    anchors = Anchors.from_head(dressed)
    burns = beard[(beard[:, 2] < anchors.ear_z + 0.02) & (beard[:, 1] > anchors.eye_y - 0.02)]
    assert len(burns) > 20 and _luminance(target.facial_hair(burns)).mean() < 0.1 * skin


def test_clothing_colour_on_torso(head):
    red, _ = _target(head, "woman in a red sweater")(_region_points(head, "torso"))
    r, g, b = red.mean(0)
    assert r > 3 * g and r > 3 * b


def test_target_is_deterministic_and_in_range(head):
    pts = torch.as_tensor(head.v_template)
    a1, s1 = _target(head, "elderly woman", seed=3)(pts)
    a2, s2 = _target(head, "elderly woman", seed=3)(pts)
    assert torch.equal(a1, a2) and torch.equal(s1, s2)
    assert a1.min() >= 0 and a1.max() <= 1 and s1.shape == (len(pts), 1)


def test_region_palette_covers_all_regions():
    palette = region_palette(resolve_look(identity_from_prompt("bald man")))
    assert palette["hair_cap"] == palette["skin"]
    assert set(palette) >= {"skin", "lips", "eye", "brow", "hair_cap", "beard", "teeth", "mouth_cavity", "neck", "torso"}


def _scene_luminance(scene):
    bg = np.mean([scene.background.top, scene.background.bottom], axis=0)
    light = sum(np.asarray(l.color) * l.intensity for l in (scene.lighting.key, scene.lighting.fill)) + np.asarray(
        scene.lighting.ambient)
    return float(bg @ [0.2126, 0.7152, 0.0722]) * scene.lighting.exposure, float(light @ [0.2126, 0.7152, 0.0722])


def _coolness(scene):
    bg = np.mean([scene.background.top, scene.background.bottom], axis=0)
    key = np.asarray(scene.lighting.key.color)
    return float(bg[2] / bg[0]), float(key[2] / key[0])


def test_night_city_is_darker_and_cooler_than_sunny_beach():
    night = choose_scene(parse_prompt("night, city street"))
    sunny = choose_scene(parse_prompt("sunny beach"))
    (bg_n, light_n), (bg_s, light_s) = _scene_luminance(night), _scene_luminance(sunny)
    assert bg_n < 0.25 * bg_s and light_n < 0.7 * light_s
    (cb_n, ck_n), (cb_s, ck_s) = _coolness(night), _coolness(sunny)
    assert cb_n > 1.5 > cb_s                # a blue night sky
    assert ck_s < 1.0                        # warm sun key
    rim, fill = night.lighting.rim.color, night.lighting.fill.color
    assert rim[2] > rim[0] and fill[2] > fill[0]   # the night's cool rim and fill ...
    assert ck_n < 1.0                        # ... round a street lamp's warm key: skin is not lit blue


def test_a_night_with_no_lamps_is_lit_by_the_moon():
    for place in ("beach", "forest"):
        _, key = _coolness(choose_scene(parse_prompt(f"night, {place}")))
        assert key > 1.0, place
    _, key = _coolness(choose_scene(parse_prompt("a man at night")))
    assert key < 1.0                         # a portrait at night with no place named: lamp-lit


def test_style_and_mood_words_change_the_scene():
    plain = choose_scene(parse_prompt("man"))
    grainy = choose_scene(parse_prompt("man, film grain, soft lighting"))
    assert plain.background.film_grain == 0 and grainy.background.film_grain > 0
    assert grainy.lighting.softness > plain.lighting.softness
    dramatic = choose_scene(parse_prompt("man, dramatic lighting"))
    assert dramatic.lighting.fill.intensity < plain.lighting.fill.intensity


def test_age_marks_on_women_and_dark_skin(head):
    """A woman's nasolabial folds, marionette and lip lines are painted lighter than a man's of
    the same age (dark lines there read as a moustache); on dark skin the same marks are deeper
    (a relative darkening shows less), and an old face's marks are more than its years' share."""
    an = _target(head, "an 85-year-old man").anchors
    mouth = (torch.as_tensor(an.mouth_corners[0]) + torch.as_tensor(an.mouth_corners[1])).float() / 2
    xs, ys = torch.meshgrid(torch.linspace(-0.035, 0.035, 50), torch.linspace(-0.03, 0.03, 50), indexing="ij")
    around = torch.stack([xs.flatten(), float(mouth[1]) + ys.flatten(), torch.full((xs.numel(),), float(an.nose_tip[2]) - 0.02)], 1)
    dark = {p: float(_target(head, p).age_shading(around)[0].mean())
            for p in ("an 85-year-old man", "an 85-year-old woman", "an 85-year-old dark-skinned man",
                      "a 60-year-old man")}
    assert 0.0 < dark["an 85-year-old woman"] < 0.8 * dark["an 85-year-old man"]
    assert dark["an 85-year-old dark-skinned man"] > 1.2 * dark["an 85-year-old man"]
    old, sixty = (resolve_look(identity_from_prompt(p, 0)).wrinkles for p in ("an 85-year-old man", "a 60-year-old man"))
    assert dark["a 60-year-old man"] / dark["an 85-year-old man"] < 0.9 * sixty / old


def test_deep_skin_ages_without_grey_ridges_or_ashen_cast(head):
    """The lit side of a crease is not deepened with the dark marks (brightened deep skin reads as
    grey paint), and the greying of old skin falls as the skin deepens."""
    from portraittalker.appearance.paint import skin_darkness

    pale, deep = _target(head, "an 85-year-old Swedish man"), _target(head, "an 85-year-old dark-skinned man")
    assert pale.look.wrinkles == deep.look.wrinkles
    assert skin_darkness(pale.look.skin) == 0.0 and skin_darkness(deep.look.skin) > 0.9
    an = pale.anchors
    points = torch.as_tensor(np.concatenate([np.asarray(an.eye_centers) + [0, -0.012, 0.008],
                                             np.asarray(an.mouth_corners) + [[0.011, 0.0, 0.0], [-0.011, 0.0, 0.0]]]),
                             dtype=torch.float32)
    assert torch.allclose(pale.age_shading(points)[1], deep.age_shading(points)[1])
    assert (deep.age_shading(points)[0] >= pale.age_shading(points)[0]).all()

    def chroma(target):
        col = target.skin(points)
        return float(((col.max(1).values - col.min(1).values) / col.mean(1)).mean())

    young_deep = _target(head, "a 25-year-old dark-skinned man")
    assert chroma(deep) > 0.9 * chroma(young_deep)


def test_old_deep_skin_shines_less(head):
    """A smaller highlight on an old deep-skinned face than on a young one (over the creases it
    drew grey streaks); an old pale face keeps a young face's shine."""
    def shine(prompt):
        target = _target(head, prompt)
        points = torch.as_tensor(np.asarray(target.anchors.eye_centers) + [0, -0.03, 0.012], dtype=torch.float32)
        return float(target(points)[1].mean())

    assert shine("an 85-year-old dark-skinned man") < 0.6 * shine("a 25-year-old dark-skinned man")
    assert shine("an 85-year-old Swedish man") == pytest.approx(shine("a 25-year-old Swedish man"), rel=0.02)


def test_dense_brows_darken_without_taking_a_hue_off_the_skin():
    # brows painted past full cover subtracted the skin's colour: bushy grey brows on warm skin were teal
    from portraittalker.appearance.paint import _brow_cover

    grey = torch.tensor([0.2, 0.2, 0.2])
    cover, colour = _brow_cover(torch.tensor([0.5, 1.0, 1.5]), grey)
    assert torch.allclose(cover[:, 0], torch.tensor([0.5, 1.0, 1.0]))
    assert torch.allclose(colour[:, 0], colour[:, 2]) and torch.allclose(colour[:, 0], colour[:, 1])   # still grey
    assert colour[2, 0] < colour[1, 0] == colour[0, 0]                                                   # denser: darker


def test_deep_wrinkles_line_a_face_more_than_wrinkles_said_alone():
    plain, deep = (identity_from_prompt(f"a 40 year old man with {w}", 0).age_marks for w in ("wrinkles", "deep wrinkles"))
    assert plain == 0.6 and deep == 0.9
    assert identity_from_prompt("an 82 year old man with deep wrinkles", 0).age_marks == 1.0   # never less than age gives


def test_arched_or_straight_brows_change_the_arch_about_the_same_height(head):
    def centre_line(prompt):
        target = _target(head, prompt)
        c = target.anchors.eye_centers[0]
        unit = abs(float(c[0]))
        xs = torch.tensor([0.6, 1.25, 1.9]) * unit            # inner end, middle, outer end (in eye-centre units)
        ys = torch.linspace(float(c[1]), float(c[1]) + 0.04, 401)
        heights = []
        for x in xs:
            pts = torch.stack([torch.full_like(ys, float(x)), ys, torch.full_like(ys, float(c[2]) + 0.012)], 1)
            heights.append(float(ys[target.brow_arch(pts).argmax()]))
        return np.array(heights)
    plain, arched, straight = (centre_line(f"a 30-year-old woman{w}") for w in ("", " with arched eyebrows",
                                                                                 " with straight eyebrows"))
    rise = lambda h: h[1] - (h[0] + h[2]) / 2                  # noqa: E731  (how far the middle stands above the ends)
    assert rise(arched) > 1.8 * rise(plain) > 0 and abs(rise(straight)) < 0.3 * rise(plain)
    assert abs(arched.mean() - plain.mean()) < 0.004 and abs(straight.mean() - plain.mean()) < 0.004
    target = _target(head, "a 30-year-old woman with straight eyebrows")   # still the painted band, not the region's
    assert target.brows_as_arch == _target(head, "a 30-year-old woman").brows_as_arch


def _lab(linear):
    from skimage.color import rgb2lab
    lin = np.clip(np.asarray(linear, dtype=np.float64), 0, 1)
    srgb = np.where(lin <= 0.0031308, 12.92 * lin, 1.055 * lin ** (1 / 2.4) - 0.055)
    return rgb2lab(srgb.reshape(-1, 1, 3)).reshape(-1, 3)


def test_a_redheads_brows_are_a_softer_ginger_brown_with_hairs_not_a_solid_red_band(head):
    # a red-haired boy's brows were a flat saturated red-orange slab (C* 45, darker than his hair)
    pts = _region_points(head, "skin")
    for prompt in ("a skinny teenage boy with curly red hair", "a woman with long red hair"):
        target = _target(head, prompt, seed=1)
        brow = _lab(target.look.brows)[0]
        hair = _lab(target.look.hair)[0]
        assert np.hypot(*brow[1:]) < 0.75 * np.hypot(*hair[1:])           # less saturated than the hair
        assert 40 < np.degrees(np.arctan2(brow[2], brow[1])) < 70          # ginger-brown, not red
        assert target.look.brow_density < 1.1                             # sparser: skin shows between the hairs
        assert target.brow_gaps > 0.3
        hairs = target.brow_hairs(pts)
        # strokes a tri-grid texel keeps: a 2 mm box average still varies (the 0.5 mm grain averaged out)
        offsets = torch.linspace(-0.001, 0.001, 3)
        box = torch.stack([target.brow_hairs(pts + torch.tensor([dx, dy, 0.0])) for dx in offsets for dy in offsets]).mean(0)
        assert float(hairs.std()) > 0.25 and float(box.std()) > 0.15


def test_dark_brows_keep_their_full_cover(head):
    # brunettes' brows were a faint olive band at partial cover: a dark brow's gaps stay small
    for prompt in ("a woman with brown hair", "a man with black hair", "a woman with dark brown hair"):
        target = _target(head, prompt, seed=1)
        assert target.brow_gaps == pytest.approx(0.2) and target.look.brow_density >= 1.0
