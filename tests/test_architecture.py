"""The layers of ARCHITECTURE.md hold: a walk over every import finds no wrong arrow."""

from __future__ import annotations

import ast
from pathlib import Path

import foedus

SRC = Path(foedus.__file__).resolve().parent

# What each layer may import from foedus (besides itself).
ALLOWED = {
    "domain": set(),
    "analysis": {"domain"},
    "compare": {"domain", "analysis"},
    "negotiation": {"domain"},
    "services": {"domain", "analysis", "compare", "negotiation"},
    "storage": {"domain", "services"},
    "reports": {"domain", "analysis", "compare", "negotiation", "services"},
    "web": {"domain", "services", "reports", "bootstrap", "config"},
    "cli": {"domain", "services", "reports", "bootstrap", "config", "web"},  # `foedus serve`
    "bootstrap": {"domain", "analysis", "services", "storage", "config"},
    "config": set(),
}


def _layer(module: str) -> str:
    parts = module.split(".")
    layer = parts[1] if len(parts) > 1 else "__init__"
    return "cli" if layer.startswith("cli_") else layer  # cli_<area>.py: one area's commands


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name == "foedus" or name.startswith("foedus.")}


def test_every_import_follows_the_dependency_direction() -> None:
    wrong = []
    for path in SRC.rglob("*.py"):
        module = "foedus." + ".".join(path.relative_to(SRC).with_suffix("").parts)
        module = module.removesuffix(".__init__")
        layer = _layer(module.replace(".py", ""))
        if layer == "__init__" or module == "foedus":
            continue
        layer = layer.removesuffix(".py")
        assert layer in ALLOWED, f"{module} is in no known layer: add it to ARCHITECTURE.md"
        for imported in _imports(path):
            target = _layer(imported)
            if target in {layer, "__init__"} or imported == "foedus":
                if imported == "foedus" and layer != "__init__":
                    wrong.append(f"{module} imports the package root")
                continue
            if target not in ALLOWED[layer]:
                wrong.append(f"{module} -> {imported}")
    assert not wrong, "imports against the layer direction:\n" + "\n".join(sorted(wrong))


def test_domain_imports_only_the_standard_library() -> None:
    import sys

    for path in (SRC / "domain").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                top = name.split(".")[0]
                assert top in sys.stdlib_module_names or name.startswith("foedus.domain"), (
                    f"{path.name} imports {name}"
                )


def test_the_public_names_of_the_package_are_pinned() -> None:
    assert sorted(foedus.__all__) == [
        "Document",
        "FoedusError",
        "InputError",
        "Provision",
        "ProvisionKind",
        "__version__",
        "parse_text",
        "read",
    ]
    for name in foedus.__all__:
        assert hasattr(foedus, name)


def test_every_error_derives_from_the_one_root() -> None:
    from foedus.domain import errors

    for name in errors.__all__:
        assert issubclass(getattr(errors, name), errors.FoedusError)


def test_no_module_is_longer_than_about_five_hundred_lines() -> None:
    long = [
        f"{path.relative_to(SRC)}: {count}"
        for path in SRC.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > 550
    ]
    assert not long, long
