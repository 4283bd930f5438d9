"""Parts added to a head from identity choices: hair, facial hair and clothes, as geometry.

Each part is built from the head's own surface (strands grown from the scalp, shells offset
from the skin and body) and appended to the `HeadModel` rigged like the skin it rests on.
"""
