"""Identity: admin password login, Sign-In With Ethereum for clients, the first admin."""

from __future__ import annotations

import logging

from services.control_plane.auth import passwords, repository, siwe_message
from services.control_plane.auth.schemas import (
    AccessToken,
    Admin,
    AdminCredentials,
    ClientAccessToken,
    ClientSummary,
    Me,
    NonceRequest,
    SignInChallenge,
    SiweCredentials,
)
from services.control_plane.auth.throttle import LoginThrottle
from services.control_plane.auth.tokens import issue_token
from services.control_plane.clients import repository as clients
from services.control_plane.clients.schemas import Client
from services.control_plane.settings import ControlPlaneSettings
from services.control_plane.wallets.chains import InvalidAddress, parse_address
from shared.auth import Principal
from shared.db import Connection, Pool
from shared.errors import DependencyUnavailable, Unauthorized, Unprocessable

log = logging.getLogger(__name__)

# Used nonces are kept this long after expiry, so a replay is told apart from a made-up nonce.
USED_NONCE_MEMORY_S = 86_400


def _access_token(settings: ControlPlaneSettings, principal: Principal) -> AccessToken:
    private_key = settings.jwt_private_key.get_secret_value()
    if not private_key:
        raise DependencyUnavailable(
            "the token signing key (CONTROL_PLANE_JWT_PRIVATE_KEY) is not configured"
        )
    ttl_s = settings.access_token_ttl_s
    return AccessToken(access_token=issue_token(principal, private_key, ttl_s), expires_in=ttl_s)


async def create_admin(conn: Connection, username: str, password: str) -> Admin:
    """Create an admin, or set a new password if the username exists."""
    return await repository.upsert_admin(conn, username, await passwords.hash_password(password))


async def bootstrap_admin(pool: Pool, settings: ControlPlaneSettings) -> None:
    """On start: create the admin named by ADMIN_USERNAME/ADMIN_PASSWORD unless it exists."""
    username = settings.bootstrap_admin_username
    password = settings.bootstrap_admin_password.get_secret_value()
    if not username or not password:
        return
    password_hash = await passwords.hash_password(password)
    async with pool.acquire() as conn:
        if await repository.insert_admin_if_absent(conn, username, password_hash):
            log.info("bootstrap admin created", extra={"username": username})


async def admin_login(
    conn: Connection, settings: ControlPlaneSettings, credentials: AdminCredentials
) -> AccessToken:
    admin = await repository.find_admin(conn, credentials.username)
    password = credentials.password.get_secret_value()
    valid = await passwords.verify_password(admin.password_hash if admin else None, password)
    if admin is None or not valid:
        raise Unauthorized("wrong username or password")
    if passwords.needs_rehash(admin.password_hash):
        new_hash = await passwords.hash_password(password)
        await repository.update_password_hash(conn, admin.id, new_hash)
    return _access_token(settings, Principal(subject=admin.username, role="admin"))


async def issue_challenge(
    conn: Connection, settings: ControlPlaneSettings, request: NonceRequest
) -> SignInChallenge:
    """A single-use nonce for the wallet, and the EIP-4361 message it signs."""
    chain_id = request.chain_id or settings.siwe_chain_ids[0]
    if chain_id not in settings.siwe_chain_ids:
        raise Unprocessable(
            f"chain id {chain_id} is not accepted (accepted: {settings.siwe_chain_ids})"
        )
    try:
        address = parse_address("evm", request.address)
    except InvalidAddress as exc:
        raise Unprocessable(str(exc)) from None
    nonce = siwe_message.new_nonce()
    await repository.delete_stale_nonces(conn, USED_NONCE_MEMORY_S)
    expires_at = await repository.insert_nonce(
        conn, nonce, address.key, chain_id, settings.siwe_nonce_ttl_s
    )
    message = siwe_message.challenge(
        domain=settings.siwe_domain,
        uri=settings.siwe_uri,
        address=address.display,
        chain_id=chain_id,
        nonce=nonce,
        expires_at=expires_at,
    )
    return SignInChallenge(nonce=nonce, expires_at=expires_at, message=message)


async def sign_in_with_ethereum(
    conn: Connection,
    settings: ControlPlaneSettings,
    throttle: LoginThrottle,
    credentials: SiweCredentials,
) -> ClientAccessToken:
    """Verify a signed sign-in message; consume its nonce; a token for the wallet's client."""
    sign_in = siwe_message.parse(credentials.message)
    await throttle.check_name("siwe-login", sign_in.address)
    siwe_message.verify(sign_in, credentials.signature)
    _check_audience(settings, sign_in)
    client = await _client_of(conn, sign_in.address)
    await _consume_nonce(conn, sign_in)
    principal = Principal(
        subject=sign_in.address,
        role="client",
        client_id=client.id,
        account=client.account_identifier,
    )
    token = _access_token(settings, principal)
    return ClientAccessToken(**token.model_dump(), client=_summary(client))


def _check_audience(settings: ControlPlaneSettings, sign_in: siwe_message.SignIn) -> None:
    if sign_in.domain != settings.siwe_domain:
        raise Unauthorized(
            f"the message is for domain {sign_in.domain!r}, not {settings.siwe_domain!r}"
        )
    if sign_in.chain_id not in settings.siwe_chain_ids:
        raise Unauthorized(
            f"chain id {sign_in.chain_id} is not accepted (accepted: {settings.siwe_chain_ids})"
        )


async def _client_of(conn: Connection, address: str) -> Client:
    client = await clients.by_wallet(conn, parse_address("evm", address).key)
    if client is None:
        raise Unauthorized(f"wallet {address} is not registered to any client")
    return client


async def _consume_nonce(conn: Connection, sign_in: siwe_message.SignIn) -> None:
    if await repository.consume_nonce(conn, sign_in.nonce, sign_in.address, sign_in.chain_id):
        return
    stored = await repository.find_nonce(conn, sign_in.nonce)
    if stored is None:
        raise Unauthorized("unknown nonce: request one from /api/auth/siwe/nonce")
    if (stored.address, stored.chain_id) != (sign_in.address, sign_in.chain_id):
        raise Unauthorized("the nonce was issued for another wallet or chain")
    if stored.used_at is not None:
        raise Unauthorized("the nonce was already used: this sign-in is a replay")
    raise Unauthorized("the nonce has expired: request a new one")


def _summary(client: Client) -> ClientSummary:
    return ClientSummary(
        id=client.id, name=client.name, account_identifier=client.account_identifier
    )


async def describe(conn: Connection, principal: Principal) -> Me:
    """Who the token says the caller is; for a client, also the client's name."""
    me = Me(**principal.model_dump())
    if principal.client_id is None:
        return me
    client = await clients.get(conn, principal.client_id)
    if client is None:
        raise Unauthorized("the client of this token no longer exists")
    return me.model_copy(update={"client": _summary(client)})
