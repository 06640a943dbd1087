/* The language chooser's links say only `?lang=xx`, so they work without script and
 * for crawlers. Followed from a view, they carry that view along: the address's other
 * parameters stay, only `lang` changes. */
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a.language-link");
  if (!link) {
    return;
  }
  const chosen = new URL(link.href, window.location.href).searchParams.get("lang");
  const params = new URLSearchParams(window.location.search);
  params.delete("lang");
  const rest = params.toString();
  link.href = `${window.location.pathname}?lang=${encodeURIComponent(chosen)}${rest ? "&" + rest : ""}`;
});
