"""Exports for other tools: a clip's ARKit curves as a Live Link Face CSV (`arkit_csv`), and
the avatar as a rigged, textured glTF binary playing a clip.

`atlas` lays triangles out on a texture, `texture` bakes the appearance into it, `rig` turns a
head's joints, skin weights and ARKit retargeting into glTF terms, `glb` assembles the file.
"""
