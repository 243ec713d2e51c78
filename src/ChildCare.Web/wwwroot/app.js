// Links that reload the page (the reconnect dialog's): a script file, because the CSP allows no inline script or javascript: URLs.
document.addEventListener("click", e => {
    const link = e.target.closest("[data-reload]");
    if (link) {
        e.preventDefault();
        location.reload();
    }
});
