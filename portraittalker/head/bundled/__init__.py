"""The bundled head: sculpted as a signed distance field, meshed, rigged and given blendshapes.

Built once by `scripts/build_head_model.py` into `models/head/bundled_head.npz`; nothing here
runs when the head is merely loaded.
"""
