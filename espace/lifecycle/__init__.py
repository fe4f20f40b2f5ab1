"""The life of a space (DOMAIN.md, "Lifecycle of a space"): notice, opposition, opening,
migration, activation, closure and what follows."""


class LifecycleError(Exception):
    """A step the lifecycle refuses; ``message`` is for the person, in French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
