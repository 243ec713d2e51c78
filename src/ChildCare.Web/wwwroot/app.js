// The static layout's few controls, and links that reload the page (the reconnect dialog's): a script file, because
// the CSP allows no inline script or javascript: URLs. Delegated on the document, so enhanced navigation (which
// patches the page in place) needs no re-wiring.
// "Reload" links (href="" for no-script use) and "skip to content" (a plain "#main-content" would resolve against
// <base href="/"> and leave the page): taken in the capture phase, before Blazor's enhanced navigation follows them.
document.addEventListener("click", e => {
    if (e.target.closest("[data-reload]")) {
        e.preventDefault();
        e.stopPropagation();
        location.reload();
    } else if (e.target.closest("[data-skip-link]")) {
        e.preventDefault();
        e.stopPropagation();
        document.getElementById("main-content")?.focus();
    }
}, true);

document.addEventListener("click", e => {
    const toggle = e.target.closest("[data-drawer-toggle]");
    if (toggle) {
        const drawer = document.getElementById(toggle.getAttribute("aria-controls"));
        if (!drawer) return;
        const open = !drawer.classList.contains("mud-drawer--open");
        drawer.classList.toggle("mud-drawer--open", open);
        drawer.classList.toggle("mud-drawer--closed", !open);
        document.body.classList.toggle("menu-closed", !open);
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
});

// Rows and map shapes that lead somewhere (data-href) follow on a click anywhere in them; the link inside stays the
// way for the keyboard. Enhanced navigation when Blazor is there, else a plain load.
document.addEventListener("click", e => {
    if (e.defaultPrevented || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const target = e.target.closest("[data-href]");
    if (!target || e.target.closest("a, button, input, select, textarea, summary")) return;
    const href = target.getAttribute("data-href");
    if (!href) return;
    if (window.Blazor?.navigateTo) window.Blazor.navigateTo(href);
    else location.href = href;
});

// A button that changes data on a page without a circuit asks first (data-confirm: the question), before the form
// is sent — taken in the capture phase, before Blazor's enhanced form handling.
document.addEventListener("submit", e => {
    const question = e.submitter?.dataset.confirm;
    if (question && !window.confirm(question)) {
        e.preventDefault();
        e.stopPropagation();
    }
}, true);

// A page drawn without a circuit that shows live figures (the dashboard, the inbox) asks every 30 s, while it is in view,
// whether a report of its document and period changed since it was drawn; if so it is read again in place.
setInterval(async () => {
    const live = document.querySelector("[data-live-since]");
    if (!live || document.hidden) return;
    if (live.querySelector("input[type=checkbox]:checked")) return; // a choice waits to be sent: the list stays as it is
    const q = `directiveId=${live.dataset.liveDirective}&periodId=${live.dataset.livePeriod}`;
    try {
        const r = await fetch(`api/live/changed?${q}`, { headers: { Accept: "application/json" } });
        if (!r.ok) return;
        const { at } = await r.json();
        if (at > Number(live.dataset.liveSince) && window.Blazor?.navigateTo) {
            const y = window.scrollY;
            window.Blazor.navigateTo(location.href, { replaceHistoryEntry: true });
            setTimeout(() => window.scrollTo(0, y), 300);
        }
    } catch { /* offline for a moment: the next tick asks again */ }
}, 30000);

// A list with work running on the server (the exports page while a file is made) is read again every 1.5 s, in place,
// until nothing runs: its progress and then its file appear without a circuit.
setInterval(() => {
    if (document.hidden || !document.querySelector("[data-refresh-while-running]") || !window.Blazor?.navigateTo) return;
    const y = window.scrollY;
    window.Blazor.navigateTo(location.href, { replaceHistoryEntry: true });
    setTimeout(() => window.scrollTo(0, y), 200);
}, 1500);
