/// The style sheet of reports and pages: inlined into a report (self-contained), served at
/// `/static/report.css` by the server. Plain CSS, readable at 390 px wide and printable on A4.
public enum ReportStyle {
    public static let css = """
    :root { --ink: #1d1d1b; --muted: #5c5c57; --line: #d6d6cf; --accent: #b3470d; --ok: #1e6b34; --miss: #a1261a; --unknown: #6b5b00; }
    * { box-sizing: border-box; }
    body { font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); margin: 0; background: #fff; }
    main, header.page, footer.page { max-width: 1100px; margin: 0 auto; padding: 0 16px; }
    h1 { font-size: 1.6rem; margin: 1rem 0 .25rem; }
    h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
    h3 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
    p.lede { color: var(--muted); margin-top: 0; }
    a { color: #0b4f8a; }
    a:focus, button:focus, input:focus, select:focus, summary:focus { outline: 3px solid #f0b400; outline-offset: 1px; }
    .table-wrap { overflow-x: auto; max-width: 100%; }
    table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .95rem; }
    th, td { border-bottom: 1px solid var(--line); padding: .35rem .45rem; text-align: left; vertical-align: top; }
    th { background: #f2f2ed; font-weight: 600; }
    td.source { font-size: .8rem; overflow-wrap: anywhere; min-width: 8rem; }
    main { overflow-wrap: break-word; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .figure { white-space: nowrap; }
    small.grade { font-size: .72rem; color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 .25rem; margin-left: .15rem; }
    .grade-modelled small.grade, .grade-estimated small.grade { border-style: dashed; }
    .grade-unknown small.grade { color: var(--unknown); }
    ul.chips { list-style: none; padding: 0; margin: .2rem 0; display: flex; flex-wrap: wrap; gap: .3rem; }
    ul.chips li { border: 1px solid var(--line); border-radius: 1rem; padding: .05rem .55rem; font-size: .85rem; }
    ul.chips li.met { border-color: var(--ok); color: var(--ok); }
    ul.chips li.missed { border-color: var(--miss); color: var(--miss); }
    ul.chips li.unknown { border-color: var(--unknown); color: var(--unknown); border-style: dashed; }
    ul.power { margin: .3rem 0 0; padding-left: 1.1rem; font-size: .85rem; }
    svg.map { width: 100%; height: auto; max-width: 720px; border: 1px solid var(--line); display: block; }
    svg.bars { width: 100%; max-width: 720px; height: auto; display: block; }
    dl.record { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .8rem; font-size: .9rem; }
    dl.record dt { font-weight: 600; }
    dl.record dd { margin: 0; overflow-wrap: anywhere; }
    .notice { border-left: 4px solid var(--accent); background: #fbf1ea; padding: .5rem .8rem; margin: 1rem 0; }
    footer.page { color: var(--muted); font-size: .85rem; margin-top: 2rem; padding-bottom: 2rem; }
    @media print { a { color: inherit; text-decoration: none; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
    """
}

extension ReportStyle {
    /// The whole style sheet as a report inlines it and the server serves it (and hashes it for the CSP).
    public static let stylesheet = css + "\n" + visuallyHidden

    /// Hidden on screen, read by screen readers.
    static let visuallyHidden = ".visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }"
}
