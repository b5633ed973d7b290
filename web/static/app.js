// Accord page script. The pages work without it: facets, sorting and
// paging are links, and the forms are GET forms. With it, the results
// region is swapped in place (search as you type, facet clicks, paging),
// every state is pushed to the address bar so back and forward work, long
// facet lists filter as you type, and "Copy link" copies the address.
(() => {
  'use strict';

  const FRAGMENT_HEADER = 'Accord-Fragment';
  const TYPE_DELAY = 250;
  const PHONE = window.matchMedia('(max-width: 52rem)');

  let inflight = null;      // AbortController of the running request
  let typingEntry = false;  // the current history entry came from typing
  let phoneFiltersOpen = false;

  document.documentElement.classList.add('js');

  const region = () => document.getElementById('results');

  const debounce = (fn, ms) => {
    let t;
    return (...args) => { clearTimeout(t); t = setTimeout(() => fn(...args), ms); };
  };

  // fetchFragment asks the server for one region of the page at url.
  async function fetchFragment(url, name) {
    if (inflight) inflight.abort();
    inflight = new AbortController();
    const res = await fetch(url, {
      headers: { [FRAGMENT_HEADER]: name },
      signal: inflight.signal,
      credentials: 'same-origin',
    });
    const type = res.headers.get('Content-Type') || '';
    if (!type.includes('text/html')) throw new Error('not html');
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    return { doc, url: res.url || url };
  }

  // load replaces the results region with the one for url and records the
  // new state in the history.
  async function load(url, { history: mode = 'push', focusKey = null, typing = false, toResults = false } = {}) {
    const old = region();
    if (!old) { window.location.assign(url); return; }
    old.setAttribute('aria-busy', 'true');
    let got;
    try {
      got = await fetchFragment(url, 'results');
    } catch (err) {
      if (err.name === 'AbortError') return;
      window.location.assign(url); // fall back to a plain navigation
      return;
    }
    const fresh = got.doc.getElementById('results');
    if (!fresh) { window.location.assign(got.url); return; }
    const hadFocus = old.contains(document.activeElement);
    old.replaceWith(fresh);
    afterSwap(fresh);
    const same = got.url === window.location.href;
    if (mode === 'push' && !same && !(typing && typingEntry)) {
      history.pushState({ accord: true }, '', got.url);
    } else if (mode !== 'none') {
      history.replaceState({ accord: true }, '', got.url);
    }
    if (mode !== 'none') typingEntry = typing;
    if (toResults) showResults(fresh); else restoreFocus(fresh, focusKey, hadFocus);
  }

  // showResults scrolls to the results' heading and focuses it.
  function showResults(root) {
    const h = (root || document).querySelector('#results-heading');
    if (!h) return;
    const content = h.closest('.content') || h;
    content.scrollIntoView({ block: 'start' });
    h.focus({ preventScroll: true });
  }

  function afterSwap(fresh) {
    if (fresh.dataset.title) document.title = fresh.dataset.title;
    const live = document.getElementById('live');
    if (live) live.textContent = fresh.dataset.status || '';
    syncFilters();
    showCopyButtons();
  }

  // restoreFocus puts keyboard focus back on the control that was used
  // (found by its data-key), or on the results heading.
  function restoreFocus(fresh, key, hadFocus) {
    if (!hadFocus) return;
    let el = key ? fresh.querySelector(`[data-key="${CSS.escape(key)}"]`) : null;
    if (!el) {
      el = fresh.querySelector('h1, .error__title');
      if (el) el.setAttribute('tabindex', '-1');
    }
    if (el) el.focus({ preventScroll: !key });
  }

  // searchURL is the current state with the query text replaced.
  function searchURL(text) {
    const u = new URL('/search', window.location.origin);
    if (window.location.pathname === '/search') u.search = window.location.search;
    const q = text.trim();
    if (q) u.searchParams.set('q', q); else u.searchParams.delete('q');
    u.searchParams.delete('page');
    for (const k of [...u.searchParams.keys()]) if (k.startsWith('fq_')) u.searchParams.delete(k);
    return u.href;
  }

  // formURL is the GET URL a form would navigate to.
  function formURL(form) {
    const u = new URL(form.getAttribute('action') || window.location.pathname, window.location.origin);
    u.search = new URLSearchParams(new FormData(form)).toString();
    return u.href;
  }

  // Search as you type, and on submit.
  const typed = debounce((input) => {
    const url = searchURL(input.value);
    if (url !== window.location.href) load(url, { typing: true });
  }, TYPE_DELAY);

  document.addEventListener('input', (e) => {
    const t = e.target;
    if (t.matches('[data-live-search]') && region()) typed(t);
    if (t.matches('[data-facet-search]')) facetTyped(t);
  });

  document.addEventListener('submit', (e) => {
    const form = e.target;
    if (!region()) return;
    if (form.matches('[data-search-form]')) {
      e.preventDefault();
      load(searchURL(form.querySelector('[name=q]').value));
    } else if (form.matches('[data-nav-form], [data-facet-form]')) {
      e.preventDefault();
      load(formURL(form));
    }
  });

  // Links that change the search swap the region instead of reloading.
  document.addEventListener('click', (e) => {
    const done = e.target.closest('[data-filters-done]');
    if (done) {
      // On phones: close the filter panel and show the results.
      e.preventDefault();
      const d = document.querySelector('[data-filters]');
      if (d) d.open = false;
      phoneFiltersOpen = false;
      showResults(document);
      return;
    }
    const copy = e.target.closest('[data-copy-link]');
    if (copy) { copyLink(copy); return; }
    const a = e.target.closest('a[data-nav]');
    if (!a || !region() || e.defaultPrevented || e.button !== 0) return;
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    // getAttribute: an SVG link's href is not a string (timeline bars).
    const u = new URL(a.getAttribute('href'), window.location.href);
    if (u.origin !== window.location.origin || u.pathname !== '/search') return;
    e.preventDefault();
    // Paging starts the new page at its heading: scroll there and move
    // focus to it, instead of staying at the bottom.
    const paging = !!a.closest('.pagination');
    load(u.href, { focusKey: paging ? null : (a.dataset.key || null), toResults: paging });
  });

  window.addEventListener('popstate', () => {
    typingEntry = false;
    if (!region() || window.location.pathname !== '/search') { window.location.reload(); return; }
    const q = document.querySelector('[data-live-search]');
    if (q) q.value = new URL(window.location.href).searchParams.get('q') || '';
    load(window.location.href, { history: 'none' });
  });

  // Facet value search: refresh only the facet's list while typing.
  const facetTyped = debounce(async (input) => {
    const name = input.dataset.facetSearch; // "facet-official"
    const param = input.name;               // "fq_official"
    const u = new URL(window.location.href);
    const v = input.value.trim();
    // The results stay as they are (say 11–20), so the address keeps
    // their page: Copy link must share what is on screen.
    if (v) u.searchParams.set(param, v); else u.searchParams.delete(param);
    let got;
    try {
      got = await fetchFragment(u.href, name);
    } catch (err) {
      return; // the form still works on submit
    }
    const id = `${name}-options`;
    const fresh = got.doc.getElementById(id);
    const old = document.getElementById(id);
    if (fresh && old) {
      old.replaceWith(fresh);
      history.replaceState({ accord: true }, '', got.url);
    }
  }, 200);

  // Copy link copies the address bar, which always holds the whole state.
  async function copyLink(button) {
    const url = window.location.href;
    button.dataset.copiedUrl = url;
    const label = button.querySelector('[data-copy-label]');
    let ok = false;
    try {
      await navigator.clipboard.writeText(url);
      ok = true;
    } catch (err) {
      ok = legacyCopy(url); // no Clipboard API outside secure contexts
      button.focus();
    }
    if (label) label.textContent = ok ? 'Copied' : 'Copy failed: use the address bar';
    setTimeout(() => { if (label) label.textContent = 'Copy link'; }, 2000);
  }

  function legacyCopy(text) {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.className = 'sr-only';
    document.body.appendChild(ta);
    ta.select();
    let ok = false;
    try { ok = document.execCommand('copy'); } catch (err) { ok = false; }
    ta.remove();
    return ok;
  }

  // The export menu closes on a click elsewhere or on Escape.
  function closeMenus(except) {
    for (const d of document.querySelectorAll('details.export[open]')) {
      if (d !== except) d.open = false;
    }
  }
  document.addEventListener('click', (e) => closeMenus(e.target.closest('details.export')));
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    const open = document.querySelector('details.export[open]');
    if (open) { open.open = false; open.querySelector('summary').focus(); }
  });

  function showCopyButtons() {
    for (const b of document.querySelectorAll('[data-copy-link]')) b.hidden = false;
  }

  // On phones the filters start folded; on wide screens they stay open.
  function syncFilters() {
    const d = document.querySelector('[data-filters]');
    if (!d) return;
    d.open = PHONE.matches ? phoneFiltersOpen : true;
  }

  document.addEventListener('toggle', (e) => {
    if (e.target.matches && e.target.matches('[data-filters]') && PHONE.matches) {
      phoneFiltersOpen = e.target.open;
    }
  }, true);

  PHONE.addEventListener('change', syncFilters);

  // "/" jumps to the search box, as on many search sites.
  document.addEventListener('keydown', (e) => {
    if (e.key !== '/' || e.metaKey || e.ctrlKey || e.altKey) return;
    const t = e.target;
    if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
    const q = document.querySelector('[data-live-search]');
    if (q) { e.preventDefault(); q.focus(); q.select(); }
  });

  syncFilters();
  showCopyButtons();
  if (history.state === null) history.replaceState({ accord: true }, '', window.location.href);
})();
