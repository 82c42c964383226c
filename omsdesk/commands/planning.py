"""`omsdesk purchasing|forecast|analytics|routing ...` and the `stock transfer` family of actions."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from omsdesk.commands.common import CliContext, add_json_flag, print_json, to_jsonable
from omsdesk.files import write_atomic
from omsdesk.models import NotFound, ValidationError
from omsdesk.models.money import format_minor


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    _register_purchasing(sub)
    _register_forecast(sub)
    _register_analytics(sub)
    _register_routing(sub)


def register_stock_actions(ssub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds transfers, low-stock alerts and available-to-sell under `omsdesk stock`."""
    tp = ssub.add_parser("transfer", help="send stock to another warehouse (in transit until received)")
    tp.add_argument("sku")
    tp.add_argument("qty", type=int)
    tp.add_argument("--from", dest="source", required=True, metavar="CODE")
    tp.add_argument("--to", dest="target", required=True, metavar="CODE")
    tp.add_argument("--reason", default="")
    tp.add_argument("--receive", action="store_true", help="book it in at the destination at once")
    add_json_flag(tp)
    tp.set_defaults(func=_transfer)

    rp = ssub.add_parser("transfer-receive", help="book an in-transit transfer in at its destination")
    rp.add_argument("reference")
    add_json_flag(rp)
    rp.set_defaults(func=_transfer_receive)

    cp = ssub.add_parser("transfer-cancel", help="call back an in-transit transfer to its origin")
    cp.add_argument("reference")
    cp.add_argument("--reason", default="")
    add_json_flag(cp)
    cp.set_defaults(func=_transfer_cancel)

    lp = ssub.add_parser("transfers", help="transfers, in transit first")
    lp.add_argument("--all", action="store_true", help="also received and cancelled ones")
    add_json_flag(lp)
    lp.set_defaults(func=_transfers)

    ap = ssub.add_parser("alerts", help="levels at or below their minimum")
    add_json_flag(ap)
    ap.set_defaults(func=_alerts)

    sp = ssub.add_parser("ats", help="available to sell per SKU for one channel (what the sync pushes)")
    sp.add_argument("channel", metavar="CHANNEL")
    add_json_flag(sp)
    sp.set_defaults(func=_ats)


# -- stock transfers ---------------------------------------------------------------------------

def _print_transfer(t: object) -> None:
    from omsdesk.services.goods_in.transfers import TransferState

    assert isinstance(t, TransferState)
    print(f"{t.reference}: {t.qty} x {t.sku} {t.from_warehouse} -> {t.to_warehouse} ({t.status})")


def _transfer(ctx: CliContext) -> int:
    from omsdesk.services.goods_in.transfers import dispatch_transfer, receive_transfer

    a = ctx.args
    t = dispatch_transfer(ctx.db, a.sku, a.qty, a.source, a.target, actor=ctx.actor, reason=a.reason)
    if a.receive:
        t = receive_transfer(ctx.db, t.reference, actor=ctx.actor)
    print_json(t) if a.json else _print_transfer(t)
    return 0


def _transfer_receive(ctx: CliContext) -> int:
    from omsdesk.services.goods_in.transfers import receive_transfer

    t = receive_transfer(ctx.db, ctx.args.reference, actor=ctx.actor)
    print_json(t) if ctx.args.json else _print_transfer(t)
    return 0


def _transfer_cancel(ctx: CliContext) -> int:
    from omsdesk.services.goods_in.transfers import cancel_transfer

    t = cancel_transfer(ctx.db, ctx.args.reference, actor=ctx.actor, reason=ctx.args.reason)
    print_json(t) if ctx.args.json else _print_transfer(t)
    return 0


def _transfers(ctx: CliContext) -> int:
    from omsdesk.queries.planning import transfers

    with ctx.db.read() as s:
        rows = transfers(s, in_transit_only=not ctx.args.all)
    if ctx.args.json:
        print_json(rows)
    else:
        for t in rows:
            _print_transfer(t)
    return 0


def _alerts(ctx: CliContext) -> int:
    from omsdesk.queries.planning import low_stock_alerts

    with ctx.db.read() as s:
        rows = low_stock_alerts(s)
    if ctx.args.json:
        print_json(rows)
    else:
        print(f"{'SKU':<16} {'WH':<5} {'ON HAND':>8} {'AVAILABLE':>10} {'MIN':>5}  NAME")
        for r in rows:
            print(f"{r.sku:<16} {r.warehouse:<5} {r.on_hand:>8} {r.available:>10} {r.threshold:>5}  {r.name}")
    return 0


def _ats(ctx: CliContext) -> int:
    from sqlalchemy import select

    from omsdesk.models import Channel
    from omsdesk.queries.planning import available_to_sell

    with ctx.db.read() as s:
        channel_id = s.scalar(select(Channel.id).where(Channel.code == ctx.args.channel))
        if channel_id is None:
            raise NotFound(f"unknown channel '{ctx.args.channel}'")
        figures = available_to_sell(s, channel_id)
    if ctx.args.json:
        print_json(figures)
    else:
        for sku, qty in sorted(figures.items()):
            print(f"{sku:<16} {qty:>8}")
    return 0


# -- purchasing ----------------------------------------------------------------------------------

def _register_purchasing(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("purchasing", help="reorder suggestions, suppliers, rules and purchase orders")
    ps = p.add_subparsers(dest="purchasing_command", metavar="ACTION", required=True)

    sg = ps.add_parser("suggest", help="what to buy now (forecast over lead time + safety - stock - on order)")
    sg.add_argument("--create", action="store_true", help="create draft orders for suggestions with a supplier")
    add_json_flag(sg)
    sg.set_defaults(func=_suggest)

    cr = ps.add_parser("create", help="a draft purchase order")
    cr.add_argument("supplier")
    cr.add_argument("warehouse")
    cr.add_argument("lines", nargs="+", metavar="SKU=QTY[@COST]", help="cost in minor units (cents)")
    cr.add_argument("--notes", default="")
    cr.add_argument("--expected", metavar="YYYY-MM-DD", type=date.fromisoformat)
    add_json_flag(cr)
    cr.set_defaults(func=_create)

    for name, helptext in (("send", "mail the PDF to the supplier and push the order to the ERP"),
                           ("show", "one purchase order, with how its sending went")):
        sp = ps.add_parser(name, help=helptext)
        sp.add_argument("reference")
        if name == "send":
            sp.add_argument("--queue-only", action="store_true",
                            help="only queue the e-mail and ERP messages; the sync daemon delivers them")
            sp.add_argument("--lang", default="es", choices=["es", "en"], help="language of the PDF")
        add_json_flag(sp)
        sp.set_defaults(func=_send if name == "send" else _show)

    rc = ps.add_parser("receive", help="book goods in, all that is open or SKU=QTY in part")
    rc.add_argument("reference")
    rc.add_argument("lines", nargs="*", metavar="SKU=QTY")
    add_json_flag(rc)
    rc.set_defaults(func=_receive)

    cn = ps.add_parser("cancel", help="cancel what is still open")
    cn.add_argument("reference")
    cn.add_argument("--reason", default="")
    add_json_flag(cn)
    cn.set_defaults(func=_cancel)

    pr = ps.add_parser("print", help="write the purchase order PDF")
    pr.add_argument("reference")
    pr.add_argument("--out", required=True, metavar="FILE")
    pr.add_argument("--lang", default="es", choices=("es", "en"))
    pr.set_defaults(func=_print)

    ls = ps.add_parser("list", help="recent purchase orders")
    ls.add_argument("--status")
    add_json_flag(ls)
    ls.set_defaults(func=_list)

    su = ps.add_parser("supplier", help="add a supplier")
    su.add_argument("code")
    su.add_argument("name")
    su.add_argument("--email", default="")
    su.add_argument("--lead-time", type=int, default=7, metavar="DAYS")
    su.add_argument("--terms", default="net30", metavar="immediate|cod|netN",
                    help="when its invoices fall due (default net30)")
    su.set_defaults(func=_supplier)

    ru = ps.add_parser("rule", help="set the reorder rule of a product in a warehouse")
    ru.add_argument("sku")
    ru.add_argument("warehouse")
    ru.add_argument("--min", type=int, required=True, dest="min_qty")
    ru.add_argument("--max", type=int, default=0, dest="max_qty")
    ru.add_argument("--lead-time", type=int, metavar="DAYS")
    ru.add_argument("--supplier")
    ru.add_argument("--cost", type=int, default=0, help="unit cost in minor units")
    ru.set_defaults(func=_rule)


def _pairs(items: list[str], *, with_cost: bool = False) -> list[tuple[str, int, int | None]]:
    out = []
    for item in items:
        sku, sep, rest = item.partition("=")
        qty_text, at, cost_text = rest.partition("@")
        if not sep or not sku or (at and not with_cost):
            raise ValidationError(f"expected SKU=QTY{'[@COST]' if with_cost else ''}, got '{item}'")
        try:
            out.append((sku, int(qty_text), int(cost_text) if at else None))
        except ValueError:
            raise ValidationError(f"quantity and cost must be whole numbers in '{item}'") from None
    return out


def _print_po(view: object) -> None:
    from omsdesk.services.goods_in.purchasing import PurchaseOrderView

    assert isinstance(view, PurchaseOrderView)
    print(f"{view.reference}  {view.status}  {view.supplier_code} -> {view.warehouse}  "
          f"total {format_minor(view.total, view.currency)}  open {view.open_qty}")
    for ln in view.lines:
        print(f"  {ln.line_no:>3} {ln.sku:<16} {ln.qty:>6} received {ln.qty_received:>6}  "
              f"@ {format_minor(ln.unit_cost, view.currency)}  {ln.name}")


def _suggest(ctx: CliContext) -> int:
    from omsdesk.services.goods_in.purchasing import create_from_suggestions, suggest_purchases

    with ctx.db.read() as s:
        rows = suggest_purchases(s)
    created = create_from_suggestions(ctx.db, actor=ctx.actor) if ctx.args.create else []
    if ctx.args.json:
        print_json({"suggestions": rows, "created": [c.reference for c in created]} if ctx.args.create else rows)
        return 0
    print(f"{'SKU':<16} {'WH':<5} {'AVAIL':>6} {'ON ORD':>6} {'LT':>3} {'DEMAND':>8} {'SAFETY':>6} {'BUY':>6}  SUPPLIER")
    for r in rows:
        print(f"{r.sku:<16} {r.warehouse:<5} {r.available:>6} {r.on_order:>6} {r.lead_time_days:>3} "
              f"{r.demand_over_lead_time:>8.1f} {r.safety_stock:>6} {r.qty:>6}  {r.supplier or '-'}")
    for c in created:
        print(f"created {c.reference} ({c.supplier_code} -> {c.warehouse}, {len(c.lines)} line(s))")
    return 0


def _create(ctx: CliContext) -> int:
    from omsdesk.services.goods_in.purchasing import create_purchase_order

    a = ctx.args
    view = create_purchase_order(ctx.db, a.supplier, a.warehouse, _pairs(a.lines, with_cost=True),
                                 actor=ctx.actor, notes=a.notes, expected=a.expected)
    print_json(view) if a.json else _print_po(view)
    return 0


def _send(ctx: CliContext) -> int:
    from omsdesk.services.goods_in.purchasing import purchase_deliveries, send_purchase_order

    a = ctx.args
    view = send_purchase_order(ctx.db, a.reference, actor=ctx.actor, language=a.lang)
    if a.queue_only:
        with ctx.db.read() as s:
            deliveries = purchase_deliveries(s, a.reference)
    else:
        from omsdesk.sync.purchase_send import deliver_purchase_order

        deliveries = deliver_purchase_order(ctx.db, a.reference)
    _print_po_with(view, deliveries, as_json=a.json)
    return 0


def _show(ctx: CliContext) -> int:
    from omsdesk.services.goods_in.purchasing import purchase_deliveries, purchase_order_view

    with ctx.db.read() as s:
        view = purchase_order_view(s, ctx.args.reference)
        deliveries = purchase_deliveries(s, ctx.args.reference)
    _print_po_with(view, deliveries, as_json=ctx.args.json)
    return 0


def _print_po_with(view: object, deliveries: list[Any], *, as_json: bool) -> None:
    if as_json:
        print_json({**to_jsonable(view), "deliveries": to_jsonable(deliveries)})
        return
    _print_po(view)
    if not deliveries:
        print("  sending: nothing queued (draft, or no supplier e-mail and no ERP)")
    for d in deliveries:
        print(f"  {d.channel:<12} {d.status:<8} {d.to}" + (f"  {d.error}" if d.error else ""))


def _receive(ctx: CliContext) -> int:
    from omsdesk.services.goods_in.purchasing import receive_purchase_order

    a = ctx.args
    quantities = {sku: qty for sku, qty, _c in _pairs(a.lines)} if a.lines else None
    view = receive_purchase_order(ctx.db, a.reference, quantities, actor=ctx.actor)
    print_json(view) if a.json else _print_po(view)
    return 0


def _cancel(ctx: CliContext) -> int:
    from omsdesk.services.goods_in.purchasing import cancel_purchase_order

    view = cancel_purchase_order(ctx.db, ctx.args.reference, actor=ctx.actor, reason=ctx.args.reason)
    print_json(view) if ctx.args.json else _print_po(view)
    return 0


def _print(ctx: CliContext) -> int:
    from omsdesk.services.goods_in.purchasing import purchase_order_pdf

    pdf = purchase_order_pdf(ctx.db, ctx.args.reference, language=ctx.args.lang)
    write_atomic(ctx.args.out, pdf)
    print(f"{ctx.args.reference}: {len(pdf)} bytes written to {ctx.args.out}")
    return 0


def _list(ctx: CliContext) -> int:
    from omsdesk.services.goods_in.purchasing import purchase_orders

    with ctx.db.read() as s:
        rows = purchase_orders(s, status=ctx.args.status)
    if ctx.args.json:
        print_json(rows)
    else:
        for v in rows:
            _print_po(v)
    return 0


def _supplier(ctx: CliContext) -> int:
    from omsdesk.services.goods_in.purchasing import add_supplier

    a = ctx.args
    add_supplier(ctx.db, a.code, a.name, actor=ctx.actor, email=a.email, lead_time_days=a.lead_time,
                 payment_terms=a.terms)
    print(f"supplier {a.code.upper()} added")
    return 0


def _rule(ctx: CliContext) -> int:
    from omsdesk.services.goods_in.purchasing import set_reorder_rule

    a = ctx.args
    set_reorder_rule(ctx.db, a.sku, a.warehouse, actor=ctx.actor, min_qty=a.min_qty, max_qty=a.max_qty,
                     lead_time_days=a.lead_time, supplier=a.supplier, unit_cost=a.cost)
    print(f"reorder rule for {a.sku} @ {a.warehouse.upper()} set")
    return 0


# -- forecast ----------------------------------------------------------------------------------

def _register_forecast(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    f = sub.add_parser("forecast", help="demand forecast, days of cover and stock-out date of a SKU")
    f.add_argument("sku", nargs="?", help="omit with --backtest")
    f.add_argument("--horizon", type=int, default=28, metavar="DAYS")
    f.add_argument("--backtest", action="store_true",
                   help="score the forecast against the naive last-period forecast on the history")
    add_json_flag(f)
    f.set_defaults(func=_forecast)


def _forecast(ctx: CliContext) -> int:
    from omsdesk.planning.backtest import backtest
    from omsdesk.queries.planning import daily_demand, product_forecast

    a = ctx.args
    if a.backtest:
        with ctx.db.read() as s:
            history = daily_demand(s)
        result = backtest(history.total, history.by_product)
        if a.json:
            print_json(result)
        else:
            print(f"{result.origins} origins x {result.horizon} days, {result.products} products")
            print(f"{'METHOD':<16} {'MAPE':>8} {'MASE':>8} {'PRODUCT MASE':>13}")
            for m in result.mase:
                print(f"{m:<16} {result.mape[m]:>8.3f} {result.mase[m]:>8.3f} {result.product_mase[m]:>13.3f}")
        return 0
    if not a.sku:
        raise ValidationError("give a SKU, or --backtest")
    if a.horizon < 1:
        raise ValidationError("the horizon must be at least one day")
    with ctx.db.read() as s:
        fc = product_forecast(s, a.sku, horizon=a.horizon)
    if a.json:
        print_json(fc)
        return 0
    cover = f"{fc.days_of_cover:.1f} days" if fc.days_of_cover is not None else "no demand expected"
    out = fc.stockout_date.isoformat() if fc.stockout_date else f"not within {a.horizon} days"
    print(f"{fc.sku} {fc.name}")
    print(f"last 7 days sold: {sum(fc.history[-7:]):.0f}; next 7 days forecast: {sum(fc.forecast[:7]):.1f}")
    print(f"days of cover: {cover}; projected stock-out: {out}")
    for w in fc.warehouses:
        wc = f"{w.days_of_cover:.1f}" if w.days_of_cover is not None else "-"
        print(f"  {w.warehouse:<5} available {w.available:>6}  {w.daily_demand:>7.2f}/day  cover {wc:>6}  "
              f"out {w.stockout_date.isoformat() if w.stockout_date else '-'}")
    return 0


# -- analytics -----------------------------------------------------------------------------------

def _register_analytics(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    an = sub.add_parser("analytics", help="stock value, turnover, stock-outs, top sellers (as CSV too)")
    an.add_argument("report", choices=("stock", "turnover", "stockouts", "top-sellers"))
    an.add_argument("--days", type=int, help="period (default: 90 turnover, 30 stock-outs and top sellers)")
    an.add_argument("--csv", metavar="FILE", help="write the rows as CSV")
    add_json_flag(an)
    an.set_defaults(func=_analytics)


def _analytics(ctx: CliContext) -> int:
    from omsdesk.queries import analytics

    a = ctx.args
    with ctx.db.read() as s:
        if a.report == "stock":
            rows: list[object] = list(analytics.stock_value(s))
        elif a.report == "turnover":
            rows = list(analytics.turnover(s, days=a.days or 90))
        elif a.report == "stockouts":
            rows = list(analytics.stockouts(s, days=a.days or 30))
        else:
            rows = list(analytics.top_sellers(s, days=a.days or 30))
    if a.csv:
        n = analytics.write_csv(rows, a.csv)
        print(f"{n} row(s) written to {a.csv}")
    elif a.json:
        print_json(rows)
    else:
        for r in rows:
            print("  ".join(str(v) for v in r.__dict__.values()))
    return 0


# -- routing rules -------------------------------------------------------------------------------

def _register_routing(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    r = sub.add_parser("routing", help="per-channel warehouse rules used by allocation")
    r.add_argument("channel")
    r.add_argument("warehouse")
    r.add_argument("rule", choices=("prefer", "exclude", "clear"))
    r.add_argument("--priority", type=int, default=100, help="among preferred warehouses, lower first")
    r.set_defaults(func=_routing)


def _routing(ctx: CliContext) -> int:
    from omsdesk.services.fulfilment.routing import clear_channel_rule, set_channel_rule

    a = ctx.args
    if a.rule == "clear":
        done = clear_channel_rule(ctx.db, a.channel, a.warehouse, actor=ctx.actor)
        print(f"{a.channel} @ {a.warehouse.upper()}: " + ("rule removed" if done else "no rule"))
    else:
        set_channel_rule(ctx.db, a.channel, a.warehouse, a.rule, actor=ctx.actor, priority=a.priority)
        print(f"{a.channel} @ {a.warehouse.upper()}: {a.rule} (priority {a.priority})")
    return 0

