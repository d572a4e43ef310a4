"""`/accounts`: profiles and connector credentials, checked against the exchange."""

from tests.support.exchange_simulator import RunningExchange
from tests.support.hummingbot_simulator import HummingbotClient


async def test_account_with_a_valid_binance_key_lists_its_connector(
    exchange: RunningExchange, hummingbot: HummingbotClient
) -> None:
    key = await exchange.add_account({"USDT": "100"})

    added = await hummingbot.http.post("/accounts/add-account", params={"account_name": "acme"})
    credential = await hummingbot.http.post(
        "/accounts/add-credential/acme/binance",
        json={"binance_api_key": key.api_key, "binance_api_secret": key.api_secret},
    )

    assert (added.status_code, added.json()) == (201, {"message": "Account added successfully."})
    assert credential.status_code == 201
    assert credential.json() == {"message": "Connector credentials added successfully."}
    assert (await hummingbot.http.get("/accounts/")).json() == ["acme", "master_account"]
    assert (await hummingbot.http.get("/accounts/acme/credentials")).json() == ["binance"]


async def test_wrong_secret_is_refused_and_not_saved(
    exchange: RunningExchange, hummingbot: HummingbotClient
) -> None:
    key = await exchange.add_account({"USDT": "100"})
    await hummingbot.http.post("/accounts/add-account", params={"account_name": "acme"})

    response = await hummingbot.http.post(
        "/accounts/add-credential/acme/binance",
        json={"binance_api_key": key.api_key, "binance_api_secret": "wrong"},
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "Invalid credentials for binance."}
    assert (await hummingbot.http.get("/accounts/acme/credentials")).json() == []


async def test_credential_missing_a_field_or_for_an_unsimulated_connector_is_refused(
    hummingbot: HummingbotClient,
) -> None:
    await hummingbot.http.post("/accounts/add-account", params={"account_name": "acme"})

    missing = await hummingbot.http.post(
        "/accounts/add-credential/acme/binance", json={"binance_api_key": "k"}
    )
    unknown = await hummingbot.http.post("/accounts/add-credential/acme/kraken", json={})

    assert missing.status_code == 400
    assert missing.json()["detail"] == "Missing credential fields: binance_api_secret"
    assert unknown.status_code == 400
    assert "not simulated" in unknown.json()["detail"]


async def test_duplicate_account_is_400_and_unknown_account_404(
    hummingbot: HummingbotClient,
) -> None:
    await hummingbot.http.post("/accounts/add-account", params={"account_name": "acme"})

    duplicate = await hummingbot.http.post("/accounts/add-account", params={"account_name": "acme"})
    unknown = await hummingbot.http.get("/accounts/nobody/credentials")
    delete_unknown = await hummingbot.http.post(
        "/accounts/delete-account", params={"account_name": "nobody"}
    )

    assert (duplicate.status_code, duplicate.json()) == (400, {"detail": "Account already exists."})
    assert unknown.status_code == 404
    assert delete_unknown.status_code == 404


async def test_credentials_and_accounts_are_deleted_but_not_the_master_account(
    exchange: RunningExchange, hummingbot: HummingbotClient
) -> None:
    key = await exchange.add_account({"USDT": "100"})
    await hummingbot.http.post("/accounts/add-account", params={"account_name": "acme"})
    await hummingbot.http.post(
        "/accounts/add-credential/acme/binance",
        json={"binance_api_key": key.api_key, "binance_api_secret": key.api_secret},
    )

    credential = await hummingbot.http.post("/accounts/delete-credential/acme/binance")
    again = await hummingbot.http.post("/accounts/delete-credential/acme/binance")
    account = await hummingbot.http.post(
        "/accounts/delete-account", params={"account_name": "acme"}
    )
    master = await hummingbot.http.post(
        "/accounts/delete-account", params={"account_name": "master_account"}
    )

    assert credential.json() == {"message": "Credential deleted successfully."}
    assert again.status_code == 404
    assert account.json() == {"message": "Account deleted successfully."}
    assert (master.status_code, master.json()) == (400, {"detail": "Cannot delete master account."})
    assert (await hummingbot.http.get("/accounts")).json() == ["master_account"]
