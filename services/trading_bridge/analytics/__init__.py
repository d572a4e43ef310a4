"""Trading analytics on the bridge: fills and trades, volume, PnL, balance history.

Wiring (`analytics.wiring`, used by the bridge's app and parts):
- `ANALYTICS_ROUTERS`: `/api/trades`, `/api/volume`, `/api/pnl`, `/api/portfolio/history` and
  the seed-compatible `/api/clients/{trades,volume,pnl}`.
- `analytics_parts(app, runtime)`: the background fill sync and balance snapshots; entered
  inside the bridge's parts, once `app.state.sessions`, `.balances` and `.prices` are set.
- `analytics.settings.AnalyticsSettings`: a base of the bridge's settings (`fill_sync_interval_s`,
  `fill_sync_max_age_s`, `snapshot_interval_s`, `analytics_concurrency`).
"""
