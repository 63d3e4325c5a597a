// foedus — a little plain JavaScript for comfort; every page works without it.
document.addEventListener("DOMContentLoaded", () => {
  // "Back" links on error pages: go back in history rather than following the link.
  for (const link of document.querySelectorAll("[data-back]")) {
    link.addEventListener("click", (event) => { event.preventDefault(); history.back(); });
  }
  // Forms that change the agreed text ask for confirmation.
  for (const form of document.querySelectorAll("form[data-confirm]")) {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  }
  // Selects marked data-autosubmit submit their form when changed (e.g. redline versions).
  for (const select of document.querySelectorAll("select[data-autosubmit]")) {
    select.addEventListener("change", () => select.form && select.form.submit());
  }
});
