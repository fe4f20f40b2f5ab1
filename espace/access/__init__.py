"""What holders and professionals do about access: the care team, share codes, blocks,
masking, the emergency consents and emergency access, deposits and held results.

Every service records its event in the history; decisions come from ``espace.policy``.
"""


class AccessError(Exception):
    """An action that the rules refuse; ``message`` is for the person, in French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
