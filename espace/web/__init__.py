"""Cross-cutting web plumbing: rendering, headers, errors, assets, forms, navigation."""
