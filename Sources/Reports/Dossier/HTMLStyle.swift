/// The dossier's stylesheet and its one script (docs/reports.md). The script is allowed by its
/// SHA-256 in the page's Content-Security-Policy, so any other script — one smuggled in through
/// an export's text, say — would not run even if escaping failed.
enum HTMLStyle {
    /// The start of every page steward writes, up to and including `<body…>`: the one
    /// Content-Security-Policy (nothing may load; only the page's own script runs), the
    /// stylesheet plus `extraCSS`, and the title (already escaped by the caller).
    static func pageStart(language: String, escapedTitle: String, extraCSS: String = "", bodyClass: String? = nil) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language)">
        <head>
        <meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src '\(HTMLReporter.scriptHash)'">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light">
        <title>\(escapedTitle)</title>
        <style>\(css)\(extraCSS)</style>
        </head>
        <body\(bodyClass.map { " class=\"\($0)\"" } ?? "")>

        """
    }

    /// Projector mode, printing with every evidence table open, and the source filter.
    static let script = """
        (function(){var b=document.body;var p=document.getElementById('projector');\
        if(p){p.addEventListener('click',function(){b.classList.toggle('projector');});}\
        var q=document.getElementById('print');if(q){q.addEventListener('click',function(){window.print();});}\
        window.addEventListener('beforeprint',function(){document.querySelectorAll('details').forEach(function(d){d.open=true;});});\
        var f=document.getElementById('source-filter');if(f){f.addEventListener('change',function(){var v=f.value;\
        document.querySelectorAll('article.finding').forEach(function(a){var s=(a.getAttribute('data-sources')||'').split(' ');\
        a.hidden=v!==''&&s.indexOf(v)<0;});document.querySelectorAll('tr[data-source]').forEach(function(r){\
        r.hidden=v!==''&&r.getAttribute('data-source')!==v;});});}})();
        """

    static let css = """
        :root{--ink:#1a1a1a;--muted:#5a5a5a;--line:#d8d8d8;--paper:#fff;--band:#f4f1ea;--accent:#24507a}
        *{box-sizing:border-box}
        body{font:16px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC","PingFang SC","WenQuanYi Zen Hei",sans-serif;margin:0 auto;max-width:74rem;padding:1rem 1.5rem 3rem;color:var(--ink);background:var(--paper)}
        h1{font-size:2rem;margin:.2rem 0}h2{font-size:1.45rem;border-bottom:3px solid var(--ink);margin:2.2rem 0 .8rem;padding-bottom:.2rem}
        h3{font-size:1.15rem;margin:.3rem 0}h4{font-size:1.05rem;margin:.2rem 0}
        .meta{color:var(--muted);font-size:.85rem;margin:.2rem 0}.id{font:.78rem ui-monospace,monospace;color:var(--muted);font-weight:normal}
        .lead{font-size:1.15rem}
        nav{font-size:.95rem;margin:.6rem 0}nav a{color:var(--accent)}
        .controls{float:right}.controls button{font:inherit;font-size:.9rem;margin-left:.4rem;padding:.3rem .7rem;border:1px solid var(--muted);border-radius:4px;background:var(--band);cursor:pointer}
        .band{background:var(--band);margin:1rem -1.5rem;padding:.2rem 1.5rem 1rem}
        .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(21rem,1fr));gap:1rem}
        .card{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:.7rem 1rem;break-inside:avoid}
        .standing{font-size:1.15rem;margin:.2rem 0}.total{font-size:2.1rem;font-weight:700;margin-right:.4rem}
        .costs-heading{font-weight:600;margin:.4rem 0 0}.costs{margin:.2rem 0 .2rem 1.1rem;padding:0;font-size:.92rem}
        svg{display:block;width:100%;height:auto;max-width:100%;font-family:inherit}
        svg.ladder{max-width:30rem}svg.ladder .tier-name{font-size:12px;font-weight:600;fill:#fff}
        svg.ladder .current{stroke:var(--ink);stroke-width:2.5}svg.ladder .threshold{font-size:10px;fill:var(--muted)}
        svg.ladder .marker{fill:var(--ink)}svg.ladder .marker-label{font-size:14px;font-weight:700;fill:var(--ink)}
        svg.waterfall{max-width:44rem;margin:.6rem 0}svg.waterfall .label,svg.waterfall .value{font-size:11.5px;font-weight:normal;fill:var(--ink)}
        svg.waterfall .base rect{fill:#8a8a8a}svg.waterfall .total rect{fill:var(--ink)}
        svg.waterfall .up rect{fill:#1b7f3b}svg.waterfall .down rect{fill:#c8432b}
        svg.waterfall .hatch-bg.down{fill:#f1c9c0}svg.waterfall .hatch-line.down{stroke:#c8432b;stroke-width:3}
        svg.waterfall .hatch-bg.up{fill:#cfe6d6}svg.waterfall .hatch-line.up{stroke:#1b7f3b;stroke-width:3}
        svg.timeline{max-width:60rem}svg.timeline .label{font-size:12px;fill:var(--ink)}svg.timeline .year{font-size:11px;fill:var(--muted)}
        svg.timeline .year-line{stroke:var(--line)}svg.timeline .cell{fill:var(--accent)}
        svg.timeline .cell.special,svg.timeline .cell.criminal{fill:#b00020}svg.timeline .cell.financial{fill:#c77800}
        svg.timeline .cell.location{fill:#2a8a5a}svg.timeline .cell.first{stroke:var(--ink);stroke-width:1.5}
        svg.map{max-width:48rem;border:1px solid var(--line)}svg.map .sea{fill:#e8f0f6}svg.map .land{fill:#f3efe4;stroke:#a9a294;stroke-width:.8}
        svg.map .place{stroke:#fff;stroke-width:1.2}svg.map .scale path{fill:none;stroke:var(--ink);stroke-width:2}svg.map .scale text{font-size:13px;fill:var(--ink)}.home{fill:#24507a;background:#24507a}.work{fill:#6b3fa0;background:#6b3fa0}
        .sensitive{fill:#b00020;background:#b00020}.travel{fill:#c77800;background:#c77800}.other{fill:#5a5a5a;background:#5a5a5a}
        .maps{display:grid;grid-template-columns:1fr 1fr;gap:1rem}.maps figure{margin:0}.maps figcaption{font-size:.9rem;color:var(--muted)}
        .effects{list-style:none;margin:0;padding:0}.effects li{padding-left:1.1em;text-indent:-1.1em}
        .effects .benefit::before{content:"+ ";color:#17692f;font-weight:700}.effects .cost::before{content:"− ";color:#b00020;font-weight:700}
        .legend{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1rem;font-size:.9rem}.legend .dot{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin-right:.3rem;vertical-align:middle}
        table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}
        thead{display:table-header-group}th,td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
        th{background:var(--band)}tr.current td{background:#fff4c2;font-weight:600}
        .score,.finding{border:1px solid var(--line);border-radius:8px;padding:.7rem 1rem;margin:1rem 0}
        .finding.special,.finding.criminal{border-left:7px solid #b00020}.finding.financial{border-left:7px solid #c77800}
        .finding.behavioral{border-left:7px solid #2a6bb0}.finding.location{border-left:7px solid #2a8a5a}
        .group{margin-top:1.4rem;text-transform:capitalize}.group.possible{color:#7a5b00}
        .explanation{margin:.2rem 0 .3rem}.facts{color:var(--muted);font-size:.9rem;margin:.2rem 0}
        details summary{cursor:pointer;color:var(--accent);font-size:.92rem}
        .up,.better{color:#17692f;font-weight:600}.down{color:#b00020;font-weight:600}
        .basis-illustrative{font-style:italic;color:#7a5b00}.levers{background:#fff6d6;padding:.4rem .6rem}
        .error td{color:#b00020}.warning td{color:#7a5b00}
        footer{margin-top:3rem;color:var(--muted);font-size:.88rem;border-top:1px solid var(--line)}
        body.projector{font-size:22px;max-width:none;background:#000;color:#fff;--ink:#fff;--muted:#d0d0d0;--line:#555;--paper:#000;--band:#1c1c1c;--accent:#8ec5ff}
        body.projector .card,body.projector .score,body.projector .finding{border-width:2px}
        body.projector svg.map .sea{fill:#0b2233}body.projector svg.map .land{fill:#2a2a2a;stroke:#888}
        body.projector tr.current td{background:#4a3b00}body.projector .levers{background:#3a3000}
        @media print{
        @page{margin:14mm}
        body{max-width:none;padding:0;font-size:10.5pt;color:#000}table{font-size:9pt}
        .controls,nav,.filter{display:none}
        .band{margin:0;padding:0 0 .5rem;background:none}
        h2{break-after:avoid;margin-top:0}h3,h4{break-after:avoid}
        section{break-before:page}section#summary{break-before:auto}
        .keep,tr,svg,.card,.finding{break-inside:avoid}.score{break-inside:auto}
        .cards{grid-template-columns:1fr 1fr}.maps{grid-template-columns:1fr 1fr}
        table.evidence tbody tr:nth-child(n+4){display:none}details summary{color:inherit}
        section#findings{break-before:page}.finding{margin:.5rem 0;padding:.4rem .8rem}
        a{color:inherit;text-decoration:none}
        }
        """
}
