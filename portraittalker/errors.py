"""One exception type for every problem a user can act on.

Step scripts turn it into a single line on stderr and exit code 1 (see `portraittalker.cli`).
"""


class PortraitTalkerError(Exception):
    """A user-facing error: the message names the file or manifest entry and what to do."""


class MissingWeightsError(PortraitTalkerError):
    """An optional pretrained component was asked for but its local files are absent."""
