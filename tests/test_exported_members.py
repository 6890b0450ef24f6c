"""The curated public API: every name in kg.__all__ exists, is documented and is claimgraph's."""

from __future__ import annotations

import kg


def test_all_exports_resolve_and_are_documented() -> None:
    assert "__version__" in kg.__all__
    for name in kg.__all__:
        if name == "__version__":
            continue
        member = getattr(kg, name)
        assert member.__module__.startswith("kg."), name
        assert (member.__doc__ or "").strip(), f"kg.{name} has no docstring"


def test_unknown_name_is_an_attribute_error() -> None:
    try:
        kg.not_a_member  # noqa: B018
    except AttributeError as exc:
        assert "not_a_member" in str(exc)
    else:
        raise AssertionError("kg.not_a_member should not exist")


def test_dir_lists_the_public_api() -> None:
    assert dir(kg) == sorted(kg.__all__)
