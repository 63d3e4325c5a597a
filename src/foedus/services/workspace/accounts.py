"""Users, passwords (argon2) and API tokens."""

from __future__ import annotations

import hashlib
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from foedus.domain.errors import AuthenticationError, PermissionDeniedError, ValidationError
from foedus.domain.negotiation import ApiToken, User
from foedus.services.ports import UnitOfWork
from foedus.services.workspace.audit import record
from foedus.services.workspace.clock import now

__all__ = [
    "authenticate",
    "create_token",
    "create_user",
    "end_sessions",
    "hash_password",
    "revoke_token",
    "set_password",
    "user_for_token",
]

MIN_PASSWORD = 10
_TOKEN_TOUCH_SECONDS = 60


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"a password needs at least {MIN_PASSWORD} characters", "password")
    return _hasher().hash(password)


def create_user(
    uow: UnitOfWork,
    username: str,
    password: str,
    display_name: str = "",
    is_admin: bool = False,
    acting: User | None = None,
) -> User:
    """A new user. Only an admin may create users (``acting`` None: the command line, which
    runs with the server's own rights)."""
    if acting is not None and not acting.is_admin:
        raise PermissionDeniedError("only an administrator can create users", "create user")
    name = username.strip()
    if not name or not name.replace(".", "").replace("-", "").replace("_", "").isalnum():
        raise ValidationError("a username is letters, digits, '.', '-' or '_'", "username")
    with uow:
        if uow.users.one(username=name) is not None:
            raise ValidationError(f"the user {name} already exists", "username")
        user = uow.users.add(User(name, display_name or name, hash_password(password), is_admin))
        uow.flush()
        record(
            uow,
            "user.create",
            "user",
            user.id,
            actor_id=acting.id if acting else None,
            after={"username": name, "is_admin": is_admin},
        )
        uow.commit()
        return user


def authenticate(uow: UnitOfWork, username: str, password: str) -> User:
    """The user with these credentials; one error for any failure (no user enumeration)."""
    with uow:
        user = uow.users.one(username=username.strip())
        if user is None or not user.active:
            _hasher().hash(password)  # spend the same time as a real check
            raise AuthenticationError("wrong username or password")
        try:
            _hasher().verify(user.password_hash, password)
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            raise AuthenticationError("wrong username or password") from None
        if _hasher().check_needs_rehash(user.password_hash):
            user.password_hash = _hasher().hash(password)
            uow.commit()
        return user


def set_password(uow: UnitOfWork, username: str, password: str) -> None:
    with uow:
        user = uow.users.one(username=username)
        if user is None:
            raise ValidationError(f"no user {username}", "username")
        user.password_hash = hash_password(password)
        user.session_epoch += 1  # a new password ends every session opened with the old one
        record(uow, "user.password", "user", user.id, actor_id=None)
        uow.commit()


def end_sessions(uow: UnitOfWork, acting: User) -> None:
    """Log the user out everywhere: every session issued so far stops being accepted."""
    with uow:
        user = uow.users.get(acting.id)
        if user is None:
            return
        user.session_epoch += 1
        record(uow, "user.logout", "user", user.id, actor_id=user.id)
        uow.commit()


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(uow: UnitOfWork, user: User, label: str) -> str:
    """A new API token for ``user``; the token itself is shown once and stored only hashed."""
    token = "fdt_" + secrets.token_urlsafe(32)
    with uow:
        uow.tokens.add(ApiToken(user.id, _token_hash(token), label.strip() or "token", now()))
        record(uow, "token.create", "user", user.id, actor_id=user.id, detail={"label": label})
        uow.commit()
    return token


def user_for_token(uow: UnitOfWork, token: str) -> User:
    with uow.reading():  # every API request comes here: read only, as snapshots
        found = uow.tokens.one(token_hash=_token_hash(token))
        user = uow.users.get(found.user_id) if found is not None else None
    if found is None or user is None or not user.active:
        raise AuthenticationError("unknown or revoked API token")
    moment = now()
    last = found.last_used_at
    if last is None or (moment - last).total_seconds() > _TOKEN_TOUCH_SECONDS:
        # "last used" to the minute: a write per request would serialise every API read
        # on the database's write lock
        with uow:
            live = uow.tokens.get(found.id)
            if live is not None:
                live.last_used_at = moment
                uow.commit()
    return user


def revoke_token(uow: UnitOfWork, user: User, token_id: int) -> None:
    with uow:
        found = uow.tokens.get(token_id)
        if found is None or found.user_id != user.id:
            raise AuthenticationError("unknown or revoked API token")
        uow.tokens.delete(found)
        record(uow, "token.revoke", "user", user.id, actor_id=user.id)
        uow.commit()
