"""The application's routes, listed from the URL map, for the meta-tests."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask

SAMPLE_ARGUMENTS = {"int": "1", "string": "x", "path": "x"}


@dataclass(frozen=True)
class Route:
    endpoint: str
    rule: str
    methods: frozenset[str]

    def url(self) -> str:
        url = self.rule
        for part in url.split("<")[1:]:
            placeholder = "<" + part.split(">")[0] + ">"
            converter = placeholder.strip("<>").split(":")[0] if ":" in placeholder else "string"
            url = url.replace(placeholder, SAMPLE_ARGUMENTS.get(converter, "1"))
        return url


def all_routes(app: Flask) -> list[Route]:
    return sorted(
        (
            Route(rule.endpoint, rule.rule, frozenset(rule.methods - {"HEAD", "OPTIONS"}))
            for rule in app.url_map.iter_rules()
            if rule.endpoint != "static"
        ),
        key=lambda route: route.rule,
    )
