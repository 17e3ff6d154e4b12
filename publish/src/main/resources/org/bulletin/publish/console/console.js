'use strict';

/*
 * The Bulletin console: plain DOM, no framework, no build step. Every string that comes from the API reaches the page
 * as a text node or an attribute value (el below), never as markup: nothing here parses a string as HTML. The
 * server's Content-Security-Policy also forbids inline script and every origin but this one, and the one function
 * that calls the server (api) only takes paths on it.
 *
 * Views (the part of the address after #): overview "/", releases "/releases?q=&region=...", one release
 * "/release/ID", dead letters "/dead-letters".
 */
(function () {
  const FLOW_EVERY_MS = 5000;
  const ARRIVALS_EVERY_MS = 15000;
  const TIMEOUT_MS = 10000;
  const PAGE_SIZE = 20;
  const SVG_NS = 'http://www.w3.org/2000/svg';
  // Okabe-Ito and a few more: told apart by most colour-blind readers, and each darker than the page.
  const PALETTE = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#8c6d31', '#6b6b6b',
    '#b8b800', '#17a2b8', '#9467bd', '#393b79', '#ad494a', '#637939'];
  const STATE_WORDS = {
    RUNNING: 'running', STARTING: 'starting', DEGRADED: 'degraded', STOPPED: 'stopped', UNKNOWN: 'unknown',
  };

  // ---------------------------------------------------------------------------------------------------------- DOM

  /** An element with attributes (on* take functions) and children (strings become text nodes). */
  function el(tag, attrs, ...children) {
    return build(document.createElement(tag), attrs, children);
  }

  function svg(tag, attrs, ...children) {
    return build(document.createElementNS(SVG_NS, tag), attrs, children);
  }

  function build(node, attrs, children) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) {
        continue;
      }
      if (name.startsWith('on') && typeof value === 'function') {
        node.addEventListener(name.slice(2), value);
      } else if (name === 'href' && !safeHref(String(value))) {
        continue;
      } else {
        node.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) {
        continue;
      }
      node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** Links go to a view of this page, a path on this server, or a web page; never javascript: and the like. */
  function safeHref(href) {
    if (href.startsWith('#') || (href.startsWith('/') && !href.startsWith('//'))) {
      return true;
    }
    try {
      const url = new URL(href);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch (e) {
      return false;
    }
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function replace(node, ...children) {
    clear(node);
    build(node, null, children);
  }

  function time(iso) {
    if (!iso) {
      return '—';
    }
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleTimeString();
  }

  function dateTime(iso) {
    if (!iso) {
      return '—';
    }
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
  }

  function count(n) {
    return typeof n === 'number' ? n.toLocaleString('en') : '—';
  }

  function plural(n, one, many) {
    return count(n) + ' ' + (n === 1 ? one : many);
  }

  function minutes(seconds) {
    if (seconds < 60) {
      return plural(Math.round(seconds), 'second', 'seconds');
    }
    return plural(Math.round(seconds / 60), 'minute', 'minutes');
  }

  // ---------------------------------------------------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, reason, code) {
      super(reason);
      this.status = status;
      this.code = code || null;
    }
  }

  /** GETs (or sends) JSON on this server; throws ApiError with the server's reason, a timeout or a network failure. */
  async function api(path, options) {
    if (!path.startsWith('/') || path.startsWith('//')) {
      throw new ApiError(0, 'not a path on this server: ' + path);
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    const init = Object.assign({ cache: 'no-store', credentials: 'same-origin' }, options || {});
    init.signal = controller.signal;
    init.headers = Object.assign({ Accept: 'application/json' }, (options && options.headers) || {});
    let response;
    let body = null;
    try {
      response = await fetch(path, init);
      const text = await response.text();
      try {
        body = text ? JSON.parse(text) : null;
      } catch (e) {
        body = null;
      }
    } catch (e) {
      live.failed(controller.signal.aborted ? 'no answer within ' + TIMEOUT_MS / 1000 + ' s' : 'cannot reach the server');
      throw new ApiError(0, controller.signal.aborted
        ? 'the server did not answer within ' + TIMEOUT_MS / 1000 + ' s'
        : 'cannot reach the server (is Bulletin running?)');
    } finally {
      clearTimeout(timer);
    }
    live.answered();
    if (!response.ok) {
      const reason = body && body.reason ? body.reason : 'HTTP ' + response.status;
      throw new ApiError(response.status, reason, body && body.error);
    }
    if (body === null) {
      throw new ApiError(response.status, 'the server sent no JSON');
    }
    return body;
  }

  /** The API path of a release: as the ops tools encode it (slashes and colons kept; Jetty refuses %2F). */
  function releasePath(id) {
    return '/v1/releases/' + encodeURIComponent(id).replace(/%2F/gi, '/').replace(/%3A/gi, ':');
  }

  function releaseHref(id) {
    return '#/release/' + encodeURIComponent(id);
  }

  function releasesHref(filters) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) {
      if (v) {
        params.set(k, v);
      }
    }
    const qs = params.toString();
    return '#/releases' + (qs ? '?' + qs : '');
  }

  // ------------------------------------------------------------------------------------------- live status line

  const live = {
    lastAnswer: null,
    failingSince: null,
    reason: null,
    answered() {
      this.lastAnswer = new Date();
      this.failingSince = null;
      this.render();
    },
    failed(reason) {
      if (!this.failingSince) {
        this.failingSince = new Date();
      }
      this.reason = reason;
      this.render();
    },
    render() {
      const node = document.getElementById('live');
      if (!node) {
        return;
      }
      // Everything on the page is then as of the last answer: shown, but greyed.
      document.body.classList.toggle('offline', Boolean(this.failingSince));
      if (this.failingSince) {
        node.className = 'live live-problem';
        replace(node, 'Server unreachable (' + this.reason + ') since ' + this.failingSince.toLocaleTimeString()
          + (this.lastAnswer ? '; last answer ' + this.lastAnswer.toLocaleTimeString() : '') + '. Retrying.');
      } else if (this.lastAnswer) {
        node.className = 'live live-ok';
        replace(node, 'Connected · updated ' + this.lastAnswer.toLocaleTimeString());
      }
    },
  };

  // ------------------------------------------------------------------------------------------------- building blocks

  /** A titled section with a status line (loading, updated, or the problem) and a body. */
  function section(parent, title, id) {
    const heading = el('h2', { id: id + '-h' }, title);
    const status = el('p', { class: 'status', role: 'status', id: id + '-status' }, 'Loading…');
    const body = el('div', { class: 'section-body', id: id + '-body' });
    const root = el('section', { class: 'panel', id, 'aria-labelledby': id + '-h' }, heading, status, body);
    parent.appendChild(root);
    return { root, status, body };
  }

  function showProblem(status, what, error) {
    status.className = 'status problem';
    status.setAttribute('role', 'alert');
    replace(status, what + ': ' + (error && error.message ? error.message : String(error)));
  }

  function showUpdated(status, text) {
    status.className = 'status';
    status.setAttribute('role', 'status');
    replace(status, text);
  }

  /** Runs fn now and every ms after the previous run ended; returns the function that stops it. */
  function every(ms, fn) {
    let stopped = false;
    let timer = null;
    const tick = async () => {
      try {
        await fn();
      } catch (e) {
        // each fn shows its own problem; the loop keeps going
      }
      if (!stopped) {
        timer = setTimeout(tick, ms);
      }
    };
    tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }

  function badge(text, cls) {
    return el('span', { class: 'badge ' + (cls || '') }, text);
  }

  function labelList(labels) {
    return (labels || []).map((l) => l.id).join(', ') || '—';
  }

  function releaseItem(r) {
    const meta = [
      r.publishedDate || 'undated',
      r.language,
      'regions: ' + labelList(r.regions),
      'topics: ' + labelList(r.topics),
    ].join(' · ');
    return el('li', { class: 'release-item', 'data-id': r.id },
      el('a', { class: 'release-title', href: releaseHref(r.id) }, r.title || '(no title)'),
      r.duplicateOf ? badge('duplicate', 'badge-muted') : null,
      r.replay ? badge('replayed', 'badge-muted') : null,
      el('p', { class: 'meta' }, meta),
      r.lede ? el('p', { class: 'lede' }, r.lede) : null);
  }

  function definitionList(pairs) {
    const dl = el('dl', { class: 'facts' });
    for (const [term, value] of pairs) {
      dl.appendChild(el('dt', null, term));
      dl.appendChild(el('dd', null, value === null || value === undefined || value === '' ? '—' : value));
    }
    return dl;
  }

  function table(caption, head, rows, cls) {
    return el('div', { class: 'scroll' },
      el('table', { class: cls || '' },
        caption ? el('caption', null, caption) : null,
        el('thead', null, el('tr', null, head.map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', null, rows.map((cells) => el('tr', null, cells.map((c) => el('td', null, c)))))));
  }

  // ------------------------------------------------------------------------------------------------------ overview

  function overview(main) {
    main.appendChild(el('h1', null, 'Overview'));
    const flow = section(main, 'Flow', 'flow');
    const arrived = section(main, 'What arrived', 'arrived');
    const latest = section(main, 'Latest releases', 'latest');
    const chartState = { by: 'region', last: null };
    const stops = [
      every(FLOW_EVERY_MS, () => loadFlow(flow)),
      every(ARRIVALS_EVERY_MS, () => loadArrivals(arrived, chartState)),
      every(ARRIVALS_EVERY_MS, () => loadLatest(latest)),
    ];
    return () => stops.forEach((stop) => stop());
  }

  async function loadFlow(sec) {
    let f;
    try {
      f = await api('/v1/flow');
    } catch (e) {
      sec.root.classList.add('stale');
      showProblem(sec.status, e.status === 404 ? 'The flow is not available here' : 'Could not load the flow', e);
      throw e;
    }
    sec.root.classList.remove('stale');
    const nodes = [];
    if (f.problem) {
      nodes.push(el('p', { class: 'problem', role: 'alert' }, 'Sampling failed: ' + f.problem
        + '. The figures below are from ' + time(f.at) + '.'));
    }
    if (f.measuredSeconds < 3600) {
      nodes.push(el('p', { class: 'note' }, 'Counted by this server since it started: the last hour covers '
        + minutes(f.measuredSeconds) + ' so far.'));
    }
    const stages = el('div', { class: 'stages' });
    f.stages.forEach((s, i) => {
      if (i > 0) {
        stages.appendChild(el('span', { class: 'arrow', 'aria-hidden': 'true' }, '→'));
      }
      stages.appendChild(stageCard(s));
    });
    nodes.push(stages);
    nodes.push(deadLetterCard(f.deadLetters));
    replace(sec.body, nodes);
    showUpdated(sec.status, 'Sampled ' + time(f.at) + (f.problem ? ' (sampling now fails)' : ''));
  }

  function stageCard(s) {
    const state = STATE_WORDS[s.state] || String(s.state).toLowerCase();
    const id = 'stage-' + s.stage;
    return el('article', { class: 'stage state-' + state, 'data-stage': s.stage, 'aria-labelledby': id },
      el('h3', { id }, s.stage, ' ', badge(state, 'badge-' + state)),
      el('p', { class: 'detail' }, s.detail),
      el('dl', { class: 'figures' },
        el('div', null, el('dt', null, 'Last minute'), el('dd', { class: 'v-minute' }, count(s.lastMinute))),
        el('div', null, el('dt', null, 'Last hour'), el('dd', { class: 'v-hour' }, count(s.lastHour))),
        el('div', null, el('dt', null, 'Lag'),
          el('dd', { class: 'v-lag', title: s.lagNote || null }, s.lag === null ? 'n/a' : count(s.lag))),
        el('div', null, el('dt', null, 'Errors (hour)'),
          el('dd', { class: 'v-errors' + (s.errorsLastHour > 0 ? ' bad' : '') }, count(s.errorsLastHour)))),
      el('p', { class: 'note' }, 'Counts ' + s.counted + '. Last activity: '
        + (s.lastActivity ? time(s.lastActivity) : 'none seen yet') + '.'
        + (s.lag === null && s.lagNote ? ' Lag: ' + s.lagNote + '.' : '')
        + ' Errors are dead letters.'));
  }

  function deadLetterCard(d) {
    const latest = d.latest || [];
    return el('article', { class: 'dlq' + (d.count > 0 ? ' has-letters' : ''), 'aria-labelledby': 'dlq-h' },
      el('h3', { id: 'dlq-h' }, 'Dead letters ', badge(count(d.count), d.count > 0 ? 'badge-degraded' : 'badge-running')),
      el('p', { class: 'note' }, 'Records a stage gave up on, in ' + d.topic + '.'),
      latest.length === 0 ? el('p', null, 'None.')
        : el('ul', { class: 'reasons' }, latest.map((l) => el('li', null,
          el('a', { class: 'when', href: '#/dead-letters?at=' + l.partition + ':' + l.offset }, time(l.timestamp)), ' ',
          badge(l.stage || 'unknown stage', 'badge-muted'), ' ',
          el('span', { class: 'reason' }, l.reason || '(no reason)')))),
      el('p', null, el('a', { href: '#/dead-letters' }, 'Browse and re-drive dead letters')));
  }

  async function loadArrivals(sec, state) {
    let a;
    try {
      a = await api('/v1/arrivals');
    } catch (e) {
      sec.root.classList.add('stale');
      showProblem(sec.status, 'Could not load what arrived', e);
      throw e;
    }
    sec.root.classList.remove('stale');
    const json = JSON.stringify(a);
    // Unchanged counts keep the page as it is: no lost focus or scroll while someone reads the matrix.
    if (json !== state.last) {
      state.last = json;
      renderArrivals(sec.body, a, state);
    }
    showUpdated(sec.status, 'Updated ' + new Date().toLocaleTimeString());
  }

  function renderArrivals(body, a, state) {
    const colours = colourMap([...Object.keys(a.byRegion), ...Object.keys(a.byTopic)]);
    const summary = el('p', { class: 'summary' },
      el('strong', { id: 'arrived-total' }, count(a.total)), ' releases stored: ',
      el('span', { id: 'arrived-duplicates' }, count(a.duplicates)), a.duplicates === 1 ? ' duplicate, ' : ' duplicates, ',
      el('span', { id: 'arrived-unlabelled' }, count(a.withoutRegion)), ' without a region (out of scope). ',
      'Every count includes duplicates, so it is what the list behind it shows.');
    const chartBox = el('div', { class: 'chart-box' });
    const drawChart = () => replace(chartBox, chart(a.overTime, state.by, colours));
    const toggle = el('div', { class: 'toggle', role: 'group', 'aria-label': 'Chart by' },
      ['region', 'topic'].map((by) => el('button', {
        type: 'button',
        'aria-pressed': String(state.by === by),
        onclick: (ev) => {
          state.by = by;
          toggle.querySelectorAll('button').forEach((b) => b.setAttribute('aria-pressed', String(b === ev.currentTarget)));
          drawChart();
        },
      }, 'By ' + by)));
    drawChart();
    replace(body,
      summary,
      el('div', { class: 'grid-2' },
        el('div', { class: 'chart-panel' }, el('h3', null, 'Over time'), toggle, chartBox),
        el('div', { class: 'facets' },
          facet('Languages', a.byLanguage, 'language'),
          facet('Sources', a.bySource, 'source',
            a.sourcesRead < a.total ? 'Among the newest ' + count(a.sourcesRead) + ' releases.' : null))),
      el('h3', null, 'Region × topic'),
      matrix(a));
  }

  function colourMap(labels) {
    const map = {};
    [...new Set(labels)].sort().forEach((label, i) => {
      map[label] = PALETTE[i % PALETTE.length];
    });
    return map;
  }

  function facet(title, counts, param, note) {
    const entries = Object.entries(counts || {});
    return el('div', { class: 'facet' },
      el('h3', null, title),
      entries.length === 0 ? el('p', null, 'None yet.')
        : el('ul', { class: 'counts', 'data-facet': param }, entries.map(([k, n]) => el('li', null,
          el('a', { href: releasesHref({ [param]: k }) }, k), ' ', el('span', { class: 'n' }, count(n))))),
      note ? el('p', { class: 'note' }, note) : null);
  }

  function matrix(a) {
    const regions = Object.keys(a.byRegion);
    const topics = Object.keys(a.byTopic);
    if (regions.length === 0) {
      return el('p', null, 'No release has a region yet.');
    }
    const cell = (n, filters, label) => (n > 0
      ? el('a', { href: releasesHref(filters), 'aria-label': label + ': ' + n + ' releases' }, count(n))
      : el('span', { class: 'zero', 'aria-label': label + ': none' }, '·'));
    const head = el('tr', null, el('th', { scope: 'col' }, 'Region / topic'),
      topics.map((t) => el('th', { scope: 'col' }, t)), el('th', { scope: 'col' }, 'All topics'));
    const rows = regions.map((r) => el('tr', { 'data-region': r },
      el('th', { scope: 'row' }, r),
      topics.map((t) => {
        const n = (a.byRegionAndTopic[r] || {})[t] || 0;
        return el('td', { 'data-topic': t, 'data-count': n }, cell(n, { region: r, topic: t }, r + ', ' + t));
      }),
      el('td', { class: 'total', 'data-count': a.byRegion[r] }, cell(a.byRegion[r], { region: r }, r))));
    const foot = el('tr', { class: 'totals' }, el('th', { scope: 'row' }, 'All regions'),
      topics.map((t) => el('td', { class: 'total', 'data-topic': t, 'data-count': a.byTopic[t] },
        cell(a.byTopic[t], { topic: t }, t))),
      el('td', null, ''));
    return el('div', { class: 'scroll' }, el('table', { class: 'matrix', id: 'matrix' },
      el('caption', null, 'Releases per region (rows) and topic (columns). A release with two labels counts in '
        + 'both. Select a number to list those releases.'),
      el('thead', null, head), el('tbody', null, rows), el('tfoot', null, foot)));
  }

  /** Stacked bars per period (one colour per label), each part a link to its releases; the data also as a table. */
  function chart(overTime, by, colours) {
    const periods = by === 'region' ? overTime.byRegion : overTime.byTopic;
    if (!periods || periods.length === 0) {
      return el('p', null, 'Nothing stored yet.');
    }
    const labels = [...new Set(periods.flatMap((p) => Object.keys(p.counts)))].sort();
    const width = 640;
    const height = 220;
    const left = 34;
    const bottom = 34;
    const top = 8;
    const plotW = width - left - 8;
    const plotH = height - top - bottom;
    const max = Math.max(1, ...periods.map((p) => Object.values(p.counts).reduce((x, y) => x + y, 0)));
    const step = plotW / periods.length;
    const barW = Math.max(2, step * 0.7);
    const y = (v) => top + plotH - (v / max) * plotH;
    const labelEvery = Math.ceil(periods.length / 10);
    const unit = overTime.granularity.toLowerCase();
    const parts = [];
    parts.push(svg('title', { id: 'chart-title' }, 'Releases per ' + by + ' and ' + unit));
    for (const v of [0, Math.round(max / 2), max]) {
      parts.push(svg('line', { x1: left, x2: width - 8, y1: y(v), y2: y(v), class: 'grid' }));
      parts.push(svg('text', { x: left - 4, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, String(v)));
    }
    periods.forEach((p, i) => {
      const x = left + i * step + (step - barW) / 2;
      let base = 0;
      for (const label of labels) {
        const n = p.counts[label] || 0;
        if (n === 0) {
          continue;
        }
        const filters = { [by]: label, from: p.from, to: p.to };
        parts.push(svg('a', { href: releasesHref(filters), class: 'bar', 'aria-label': label + ', ' + p.label + ': ' + n },
          svg('rect', { x, y: y(base + n), width: barW, height: Math.max(1, y(base) - y(base + n)), fill: colours[label] },
            svg('title', null, label + ', ' + p.label + ': ' + n))));
        base += n;
      }
      if (i % labelEvery === 0 || i === periods.length - 1) {
        parts.push(svg('text', { x: x + barW / 2, y: height - bottom + 14, class: 'axis', 'text-anchor': 'middle' }, p.label));
      }
    });
    const legend = el('ul', { class: 'legend' }, labels.map((label) => el('li', null,
      el('span', { class: 'swatch', 'data-colour': colours[label] }), ' ',
      el('a', { href: releasesHref({ [by]: label }) }, label))));
    // Swatch colours through the style property (CSSOM), which the Content-Security-Policy allows; a style
    // attribute in markup it would block.
    legend.querySelectorAll('.swatch').forEach((s) => {
      s.style.backgroundColor = s.getAttribute('data-colour');
    });
    const earlier = overTime.earlierCount > 0
      ? el('p', { class: 'note' }, count(overTime.earlierCount) + ' releases dated before ' + periods[0].from + ' are left out.')
      : null;
    const data = el('details', null, el('summary', null, 'The chart as a table'),
      table(null, ['Period', ...labels, 'Releases'],
        periods.map((p) => [p.label, ...labels.map((l) => count(p.counts[l] || 0)), count(p.total)])));
    return [
      svg('svg', { viewBox: '0 0 ' + width + ' ' + height, class: 'chart', role: 'img', 'aria-labelledby': 'chart-title' }, parts),
      legend,
      el('p', { class: 'note' }, 'Releases per ' + unit + ' of their date (published, else the day stored), by ' + by
        + '; a release with two ' + by + 's counts in both. Select a bar to list its releases.'),
      earlier, data];
  }

  async function loadLatest(sec) {
    let page;
    try {
      page = await api('/v1/releases?limit=10');
    } catch (e) {
      sec.root.classList.add('stale');
      showProblem(sec.status, 'Could not load the latest releases', e);
      throw e;
    }
    sec.root.classList.remove('stale');
    replace(sec.body,
      page.items.length === 0 ? el('p', null, 'No release stored yet.')
        : el('ol', { class: 'releases' }, page.items.map(releaseItem)),
      el('p', null, el('a', { href: '#/releases' }, 'Search all releases')));
    showUpdated(sec.status, 'Updated ' + new Date().toLocaleTimeString());
  }

  // ------------------------------------------------------------------------------------------------------ releases

  const FILTERS = ['region', 'topic', 'language', 'source'];

  function releases(main, params) {
    main.appendChild(el('h1', null, 'Releases'));
    const field = (id, label, input) => el('div', { class: 'field' }, el('label', { for: id }, label), input);
    const q = el('input', { id: 'f-q', name: 'q', type: 'search', value: params.get('q') || '', maxlength: '500',
      placeholder: 'words in the title or text' });
    const selects = {};
    for (const name of FILTERS) {
      selects[name] = el('select', { id: 'f-' + name, name }, el('option', { value: '' }, 'any'));
      const current = params.get(name);
      if (current) {
        selects[name].appendChild(el('option', { value: current, selected: true }, current));
      }
    }
    const from = el('input', { id: 'f-from', name: 'from', type: 'date', value: params.get('from') || '' });
    const to = el('input', { id: 'f-to', name: 'to', type: 'date', value: params.get('to') || '' });
    const form = el('form', { class: 'filters', role: 'search', 'aria-label': 'Search releases' },
      field('f-q', 'Search', q),
      FILTERS.map((name) => field('f-' + name, name[0].toUpperCase() + name.slice(1), selects[name])),
      field('f-from', 'From', from),
      field('f-to', 'To', to),
      el('div', { class: 'actions' },
        el('button', { type: 'submit' }, 'Search'),
        el('a', { href: '#/releases', class: 'button-link' }, 'Clear')));
    const status = el('p', { class: 'status', role: 'status', id: 'results-status' }, 'Loading…');
    const list = el('ol', { class: 'releases', id: 'results' });
    const more = el('button', { type: 'button', hidden: true, id: 'more' }, 'Show more');
    main.append(form, status, list, more);

    // The filter choices: what the store holds (a value from the address is kept even if it holds none).
    api('/v1/arrivals').then((a) => {
      const options = { region: a.byRegion, topic: a.byTopic, language: a.byLanguage, source: a.bySource };
      for (const name of FILTERS) {
        const current = params.get(name);
        for (const value of Object.keys(options[name] || {}).sort()) {
          if (value !== current) {
            selects[name].appendChild(el('option', { value }, value));
          }
        }
      }
    }).catch(() => { /* the text search and the address still work; the list shows any problem itself */ });

    let cursor = null;
    let shown = 0;
    let generation = 0;
    const run = async (filters, append) => {
      const mine = ++generation;
      const search = new URLSearchParams();
      for (const [k, v] of Object.entries(filters)) {
        if (v) {
          search.set(k, v);
        }
      }
      search.set('limit', String(PAGE_SIZE));
      if (append && cursor) {
        search.set('cursor', cursor);
      }
      more.hidden = true;
      showUpdated(status, 'Searching…');
      let page;
      try {
        page = await api('/v1/releases?' + search.toString());
      } catch (e) {
        if (mine === generation) {
          showProblem(status, e.status === 400 ? 'The search was refused' : 'Could not search', e);
        }
        return;
      }
      if (mine !== generation) {
        return;
      }
      if (!append) {
        clear(list);
        shown = 0;
      }
      page.items.forEach((r) => list.appendChild(releaseItem(r)));
      shown += page.items.length;
      cursor = page.nextCursor;
      more.hidden = !cursor;
      showUpdated(status, shown === 0 ? 'No release matches.'
        : plural(shown, 'release', 'releases') + (cursor ? ' shown, newest first; more below.' : ', newest first.'));
    };
    const current = () => {
      const f = { q: q.value.trim(), from: from.value, to: to.value };
      FILTERS.forEach((name) => { f[name] = selects[name].value; });
      return f;
    };
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      const f = current();
      // A new history entry without re-drawing the form (no hashchange): Back returns to the previous search.
      history.pushState(null, '', releasesHref(f));
      cursor = null;
      run(f, false);
    });
    more.addEventListener('click', () => run(current(), true));
    const initial = {};
    ['q', 'from', 'to', ...FILTERS].forEach((k) => { initial[k] = params.get(k) || ''; });
    run(initial, false);
    return () => { generation++; };
  }

  // ------------------------------------------------------------------------------------------------- one release

  function release(main, id) {
    const back = el('p', null, el('a', { href: '#/releases' }, '← Releases'));
    const status = el('p', { class: 'status', role: 'status' }, 'Loading…');
    main.append(back, status);
    let alive = true;
    api(releasePath(id)).then((r) => {
      if (alive) {
        status.remove();
        renderRelease(main, r);
      }
    }).catch((e) => {
      if (!alive) {
        return;
      }
      if (e.status === 404) {
        main.appendChild(el('h1', null, 'Release not found'));
        showProblem(status, 'No release here', e);
      } else {
        showProblem(status, 'Could not load the release', e);
      }
    });
    return () => { alive = false; };
  }

  /** Evidence of every label as [start, end) ranges of title + "\n\n" + body, checked against the text. */
  function evidenceMarks(r, text) {
    const marks = [];
    const missing = [];
    for (const [kind, labels] of [['region', r.regions], ['topic', r.topics]]) {
      for (const label of labels || []) {
        for (const ev of label.evidence || []) {
          let start = ev.start;
          let end = ev.end;
          if (!(start >= 0 && end <= text.length && start < end && text.slice(start, end) === ev.phrase)) {
            // Offsets that do not fit this text (an older parser, a cut title): find the phrase instead.
            start = ev.phrase ? text.toLowerCase().indexOf(ev.phrase.toLowerCase()) : -1;
            end = start + (ev.phrase || '').length;
          }
          if (start < 0) {
            missing.push(kind + ' ' + label.id + ': ' + ev.phrase);
            continue;
          }
          marks.push({ start, end, key: kind + ':' + label.id, rule: ev.rule, phrase: ev.phrase });
        }
      }
    }
    return { marks, missing };
  }

  /** Appends text[from, to) to node, the parts covered by marks wrapped in <mark>. */
  function markedText(node, text, from, to, marks) {
    const cuts = new Set([from, to]);
    for (const m of marks) {
      if (m.end > from && m.start < to) {
        cuts.add(Math.max(from, m.start));
        cuts.add(Math.min(to, m.end));
      }
    }
    const points = [...cuts].sort((x, y) => x - y);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i];
      const b = points[i + 1];
      const covering = marks.filter((m) => m.start <= a && m.end >= b);
      const part = text.slice(a, b);
      if (covering.length === 0) {
        node.appendChild(document.createTextNode(part));
      } else {
        const keys = [...new Set(covering.map((m) => m.key))];
        node.appendChild(el('mark', {
          class: 'evidence',
          'data-labels': keys.join(' '),
          title: covering.map((m) => m.key + ' (' + m.rule + ')').join('; '),
        }, part));
      }
    }
  }

  function renderRelease(main, r) {
    const title = r.title || '';
    const body = r.body || '';
    const text = title + '\n\n' + body;
    const { marks, missing } = evidenceMarks(r, text);
    const h1 = el('h1', { class: 'release-heading', id: 'release-title' });
    markedText(h1, text, 0, title.length, marks);
    const article = el('div', { class: 'release-text', id: 'release-text' });
    let offset = title.length + 2;
    for (const paragraph of body.split('\n\n')) {
      const p = el('p');
      markedText(p, text, offset, offset + paragraph.length, marks);
      article.appendChild(p);
      offset += paragraph.length + 2;
    }
    const url = r.url && safeHref(r.url) && !r.url.startsWith('#') && !r.url.startsWith('/')
      ? el('a', { href: r.url, rel: 'noreferrer noopener' }, r.url) : r.url;
    const facts = definitionList([
      ['Published', r.publishedDate || 'no date stated'],
      ['Language', r.language],
      ['Original', url],
      ['Countries', (r.countries || []).join(', ')],
      ['Stored', dateTime(r.storedAt)],
      ['Updated', dateTime(r.updatedAt)],
      ['Enriched', dateTime(r.enrichedAt)],
      ['Parser / classifier', (r.parserVersion || '?') + ' / ' + (r.classifierVersion || '?')],
      ['Replay', r.replay ? 'yes: stored by a replay' : 'no'],
      ['Id', el('code', null, r.id)],
    ]);
    const labelsPanel = el('div', { class: 'labels', id: 'labels' },
      el('h2', null, 'Labels and their evidence'),
      el('p', { class: 'note' }, 'Each marked phrase in the text is evidence for a label. Select a label to show only its evidence.'),
      labelGroup('Regions', 'region', r.regions, article, h1),
      labelGroup('Topics', 'topic', r.topics, article, h1),
      missing.length ? el('p', { class: 'note' }, 'Evidence not found in the text: ' + missing.join('; ')) : null);
    build(main, null, [
      h1,
      r.duplicateOf ? el('p', { class: 'dup' }, badge('duplicate', 'badge-muted'), ' of ',
        el('a', { href: releaseHref(r.duplicateOf), id: 'duplicate-of' }, r.duplicateOf)) : null,
      storyPanel(r),
      el('div', { class: 'release-layout' },
        el('div', null, article),
        el('aside', null, labelsPanel)),
      el('h2', null, 'Facts'), facts,
      el('h2', null, 'Named in the text'), entities(r),
      el('h2', null, 'Sources'), sources(r.sourceRefs || []),
      el('h2', null, 'Classification history'), historyTable(r)]);
    document.title = (r.title || 'Release') + ' · Bulletin console';
  }

  /**
   * The story the release belongs to (#17): the other reports of its event, from every source and language, each with
   * the link enrich made (score and the entities and terms it shares). Filled in when the story answers.
   */
  function storyPanel(r) {
    if (!r.storyId) {
      return null;
    }
    const panel = el('section', { class: 'story', id: 'story', 'aria-label': 'Story' },
      el('h2', null, 'Story'), el('p', { class: 'note' }, 'Loading the other reports of this event…'));
    api('/v1/stories/' + encodeURIComponent(r.storyId)).then((s) => {
      const link = r.storyLink;
      const how = link
        ? (link.opened ? 'This release opened the story.'
          : 'Joined with score ' + Number(link.score).toFixed(2) + ', sharing ' + (link.evidence || []).join(', ') + '.')
        : '';
      const rows = (s.releases || []).map((m) => [
        m.id === r.id ? el('strong', null, m.title) : el('a', { href: releaseHref(m.id) }, m.title),
        m.language, m.source, m.date || '',
        m.link ? (m.link.opened ? 'opened' : Number(m.link.score).toFixed(2)) : '',
        m.link ? (m.link.evidence || []).slice(0, 6).join(', ') : '']);
      panel.replaceChildren();
      build(panel, null, [
        el('h2', null, 'Story: ' + s.story.releaseCount + ' report' + (s.story.releaseCount === 1 ? '' : 's') + ' in '
          + (s.story.languages || []).join(', ') + ' from ' + (s.story.sources || []).length + ' source'
          + ((s.story.sources || []).length === 1 ? '' : 's')),
        el('p', { class: 'note' }, how),
        table(null, ['Release', 'Language', 'Source', 'Date', 'Link', 'Shared'], rows)]);
    }).catch((e) => {
      panel.replaceChildren();
      build(panel, null, [el('h2', null, 'Story'), el('p', { class: 'error', role: 'alert' }, 'Story ' + r.storyId + ': ' + e.message)]);
    });
    return panel;
  }

  function labelGroup(title, kind, labels, ...containers) {
    if (!labels || labels.length === 0) {
      return el('div', null, el('h3', null, title), el('p', null, 'None.'));
    }
    const buttons = [];
    const focus = (key, button) => {
      const on = button.getAttribute('aria-pressed') !== 'true';
      document.querySelectorAll('.labels button[aria-pressed]').forEach((b) => b.setAttribute('aria-pressed', 'false'));
      button.setAttribute('aria-pressed', String(on));
      for (const c of containers) {
        c.classList.toggle('focus-one', on);
        c.querySelectorAll('mark.evidence').forEach((m) => {
          m.classList.toggle('chosen', on && m.getAttribute('data-labels').split(' ').includes(key));
        });
      }
    };
    return el('div', null, el('h3', null, title), el('ul', { class: 'label-list' }, labels.map((l) => {
      const key = kind + ':' + l.id;
      const button = el('button', { type: 'button', 'aria-pressed': 'false', 'data-label': key },
        l.id, ' ', el('span', { class: 'n' }, Number(l.score).toFixed(2)));
      button.addEventListener('click', () => focus(key, button));
      buttons.push(button);
      // The same phrase found by the same rule at several places is one line, with how often.
      const seen = new Map();
      for (const ev of l.evidence || []) {
        const k = ev.phrase + '\u0000' + ev.rule;
        seen.set(k, { phrase: ev.phrase, rule: ev.rule, n: (seen.has(k) ? seen.get(k).n : 0) + 1 });
      }
      return el('li', null, button,
        el('ul', { class: 'evidence-list' }, [...seen.values()].map((ev) => el('li', null,
          el('q', null, ev.phrase), ' ', el('span', { class: 'rule' }, ev.rule + (ev.n > 1 ? ' ×' + ev.n : ''))))));
    })));
  }

  function entities(r) {
    const people = (r.people || []).map((p) => [p.name, p.role || '', p.id || '']);
    const orgs = (r.organisations || []).map((o) => [o.name, o.id || '', (o.mentions || []).join('; ')]);
    const places = (r.places || []).map((p) => [p.name, p.countryCode || '', p.id || '']);
    const dates = (r.dates || []).join(', ');
    return el('div', { class: 'entities grid-2' },
      el('div', null, el('h3', null, 'People'),
        people.length ? table(null, ['Name', 'Role', 'Id'], people) : el('p', null, 'None found.')),
      el('div', null, el('h3', null, 'Organisations'),
        orgs.length ? table(null, ['Name', 'Id', 'Mentions'], orgs) : el('p', null, 'None found.')),
      el('div', null, el('h3', null, 'Places'),
        places.length ? table(null, ['Place', 'Country', 'Id'], places) : el('p', null, 'None found.')),
      el('div', null, el('h3', null, 'Dates'), el('p', null, dates || 'None found.')));
  }

  function sources(refs) {
    if (refs.length === 0) {
      return el('p', null, 'None recorded.');
    }
    return table(null, ['Source', 'URL', 'Raw record', 'Fetched'], refs.map((s) => [
      el('a', { href: releasesHref({ source: s.sourceId }) }, s.sourceId),
      s.sourceUrl || '—',
      s.rawKey + ' @ ' + s.rawPartition + ':' + s.rawOffset,
      dateTime(s.fetchedAt),
    ]));
  }

  function historyTable(r) {
    const rows = (r.history || []).map((h) => [
      dateTime(h.classifiedAt),
      dateTime(h.supersededAt),
      (h.parserVersion || '?') + ' / ' + (h.classifierVersion || '?'),
      (h.regions || []).map((l) => l.id + ' ' + Number(l.score).toFixed(2)).join(', ') || '—',
      (h.topics || []).map((l) => l.id + ' ' + Number(l.score).toFixed(2)).join(', ') || '—',
    ]);
    const current = [[
      'current', '—', (r.parserVersion || '?') + ' / ' + (r.classifierVersion || '?'),
      labelList(r.regions), labelList(r.topics)]];
    return el('div', null,
      rows.length === 0 ? el('p', null, 'Classified once: no replay has changed it.') : null,
      table(null, ['Classified', 'Replaced', 'Parser / classifier', 'Regions', 'Topics'], current.concat(rows),
        'history'));
  }

  // -------------------------------------------------------------------------------------------------- dead letters

  // Kept in this page only (not in storage), so closing the tab forgets it.
  let pushToken = '';

  function deadLetters(main, params) {
    main.appendChild(el('h1', null, 'Dead letters'));
    main.appendChild(el('p', null, 'Records a stage gave up on, newest first. A re-drive sends one back to the topic '
      + 'it came from with its original key and bytes, once the cause is fixed; it also stays here, because the '
      + 'dead-letter topic is a log.'));
    const token = el('input', { id: 'push-token', type: 'password', autocomplete: 'off', value: pushToken,
      'aria-describedby': 'push-token-hint' });
    token.addEventListener('input', () => { pushToken = token.value; });
    main.appendChild(el('div', { class: 'field token' },
      el('label', { for: 'push-token' }, 'Push token (needed to re-drive)'), token,
      el('p', { class: 'note', id: 'push-token-hint' },
        'The push endpoint\'s token (bulletin.ingest.push.token). Kept in this page only.')));
    const refresh = el('button', { type: 'button', id: 'refresh' }, 'Refresh');
    const status = el('p', { class: 'status', role: 'status', id: 'dlq-status' }, 'Loading…');
    const list = el('div', { id: 'dlq-list' });
    const detail = el('div', { id: 'dlq-detail', class: 'panel', hidden: true, tabindex: '-1' });
    main.append(el('p', null, refresh), status, list, detail);
    let alive = true;
    const load = async () => {
      showUpdated(status, 'Loading…');
      let res;
      try {
        res = await api('/v1/dead-letters?limit=50');
      } catch (e) {
        if (alive) {
          showProblem(status, e.status === 404 ? 'Dead letters are not available here' : 'Could not read the dead letters', e);
        }
        return;
      }
      if (!alive) {
        return;
      }
      const items = res.items;
      showUpdated(status, (items.length === 0 ? 'No dead letter.'
        : items.length === 1 ? 'One dead letter.' : 'The newest ' + count(items.length) + ' dead letters.')
        + ' Read ' + new Date().toLocaleTimeString() + '.');
      replace(list, items.length === 0 ? null : table(null, ['Position', 'Time', 'Stage', 'Reason', 'Origin', 'Key'],
        items.map((d) => [
          el('button', { type: 'button', class: 'link', 'data-position': d.partition + ':' + d.offset,
            onclick: () => open(d.partition, d.offset) }, d.partition + ':' + d.offset),
          dateTime(d.timestamp), d.stage || '—', d.reason || '—', d.origin || '—', d.key || '—']), 'dlq-table'));
    };
    const open = async (partition, offset) => {
      detail.hidden = false;
      replace(detail, el('p', { class: 'status', role: 'status' }, 'Loading ' + partition + ':' + offset + '…'));
      let d;
      try {
        d = await api('/v1/dead-letters/' + partition + '/' + offset);
      } catch (e) {
        const p = el('p', { class: 'status' });
        replace(detail, p);
        showProblem(p, 'Could not read dead letter ' + partition + ':' + offset, e);
        return;
      }
      const outcome = el('p', { class: 'status', role: 'status', id: 'redrive-status' });
      const button = el('button', { type: 'button', id: 'redrive', disabled: !d.letter.redrivable },
        d.letter.redrivable ? 'Re-drive to ' + d.letter.origin.replace(/-\d+@\d+$/, '') : 'Cannot re-drive');
      button.addEventListener('click', () => redrive(d.letter, outcome, button));
      replace(detail,
        el('h2', null, 'Dead letter ' + partition + ':' + offset),
        definitionList([
          ['Time', dateTime(d.letter.timestamp)],
          ['Stage', d.letter.stage],
          ['Reason', d.letter.reason],
          ['Origin', d.letter.origin || 'none: it never came from a topic (ingest), so it cannot be re-driven'],
          ['Key', d.letter.key],
          ['Value', d.valueBytes + ' bytes, shown as ' + d.value.encoding + (d.value.truncated ? ' (the beginning)' : '')],
        ]),
        el('h3', null, 'Headers'),
        table(null, ['Name', 'Value'], d.headers.map((h) => [h.name, h.value === null ? '(none)' : h.value])),
        el('h3', null, 'Value'),
        el('pre', { class: 'value', id: 'dlq-value' }, d.value.text),
        d.value.readable ? el('h3', null, 'The same bytes as text (· where they are none)') : null,
        d.value.readable ? el('pre', { class: 'value' }, d.value.readable) : null,
        el('p', null, button), outcome);
      detail.focus();
    };
    const redrive = async (letter, outcome, button) => {
      if (!pushToken) {
        showProblem(outcome, 'Not re-driven', new Error('enter the push token above first'));
        document.getElementById('push-token').focus();
        return;
      }
      button.disabled = true;
      showUpdated(outcome, 'Re-driving…');
      try {
        const r = await api('/v1/dead-letters/' + letter.partition + '/' + letter.offset + '/redrive', {
          method: 'POST',
          headers: { Authorization: 'Bearer ' + pushToken },
        });
        showUpdated(outcome, 'Sent back to ' + r.sentTo + '. If it fails again, it comes back here as a new dead letter.');
        setTimeout(() => { if (alive) { load(); } }, 2000);
      } catch (e) {
        showProblem(outcome, e.status === 401 ? 'The token was refused' : 'Not re-driven', e);
      } finally {
        button.disabled = false;
      }
    };
    refresh.addEventListener('click', load);
    load();
    const at = /^(\d+):(\d+)$/.exec(params.get('at') || '');
    if (at) {
      open(Number(at[1]), Number(at[2]));
    }
    return () => { alive = false; };
  }

  // -------------------------------------------------------------------------------------------------------- router

  let stopView = null;

  function route(initial) {
    let hash = location.hash || '#/';
    if (!hash.startsWith('#/')) {
      // An in-page anchor (the skip link): stay on the view, unless there is none yet.
      if (!initial) {
        return;
      }
      hash = '#/';
    }
    const [path, query] = hash.slice(1).split('?');
    const params = new URLSearchParams(query || '');
    if (stopView) {
      stopView();
      stopView = null;
    }
    const main = document.getElementById('view');
    clear(main);
    let nav = null;
    let title = 'Bulletin console';
    if (path === '/' || path === '') {
      nav = 'overview';
      stopView = overview(main);
    } else if (path === '/releases') {
      nav = 'releases';
      title = 'Releases · Bulletin console';
      stopView = releases(main, params);
    } else if (path.startsWith('/release/')) {
      nav = 'releases';
      let id = null;
      try {
        id = decodeURIComponent(path.slice('/release/'.length));
      } catch (e) {
        id = null;
      }
      if (id === null) {
        main.appendChild(el('p', { class: 'problem', role: 'alert' }, 'Not a release address.'));
      } else {
        stopView = release(main, id);
      }
    } else if (path === '/dead-letters') {
      nav = 'dead-letters';
      title = 'Dead letters · Bulletin console';
      stopView = deadLetters(main, params);
    } else {
      main.appendChild(el('h1', null, 'Not found'));
      main.appendChild(el('p', { class: 'problem', role: 'alert' }, 'This console has no view "' + path + '".'));
    }
    document.title = title;
    document.querySelectorAll('nav a[data-nav]').forEach((a) => {
      if (a.getAttribute('data-nav') === nav) {
        a.setAttribute('aria-current', 'page');
      } else {
        a.removeAttribute('aria-current');
      }
    });
    if (!initial) {
      main.focus();
    }
  }

  window.addEventListener('hashchange', () => route(false));
  route(true);
}());
