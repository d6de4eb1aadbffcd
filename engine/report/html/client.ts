// The HTML report's client script (plain ES2020, inlined in the page): the host × task grid, filters, detail pane
// and the lazily drawn timeline, all built from the embedded run JSON with textContent (never markup from data).

export const CLIENT_SCRIPT = String.raw`
'use strict';
(function () {
  // ---- data -------------------------------------------------------------------------------------------------
  var run = JSON.parse(document.getElementById('run-data').textContent);
  var diffs = JSON.parse(document.getElementById('diff-data').textContent);
  var tasks = run.tasks.slice().sort(function (a, b) { return a.seq - b.seq; });
  var hosts = run.hosts.slice();
  var playNames = {};
  run.plays.forEach(function (p) { playNames[p.seq] = p.name; });

  // A host that has results but is missing from run.hosts still gets a row.
  var hostIndex = new Map();
  hosts.forEach(function (h, i) { hostIndex.set(h, i); });
  run.results.forEach(function (r) {
    if (!hostIndex.has(r.host)) { hostIndex.set(r.host, hosts.length); hosts.push(r.host); }
  });
  var taskIndex = new Map();
  tasks.forEach(function (t, i) { taskIndex.set(t.seq, i); });

  // cells[h][t] = indices into run.results (several for a loop)
  var cells = hosts.map(function () { return tasks.map(function () { return null; }); });
  run.results.forEach(function (r, i) {
    var t = taskIndex.get(r.task);
    if (t === undefined) return;
    var row = cells[hostIndex.get(r.host)];
    if (row[t] === null) row[t] = [];
    row[t].push(i);
  });

  // The cell's status is its worst result's: unreachable > failed > changed > ok > skipped.
  var RANK = { unreachable: 5, failed: 4, changed: 3, ok: 2, skipped: 1 };
  function cellInfo(h, t) {
    var list = cells[h][t];
    if (list === null) return { status: 'none', ignored: false, rescued: false, counts: false };
    var best = 'skipped', ignored = false, rescued = false, counts = false;
    list.forEach(function (i) {
      var r = run.results[i];
      if ((RANK[r.status] || 0) > RANK[best]) best = r.status;
      if (r.ignored) ignored = true;
      if (r.rescued) rescued = true;
      // a failure that counts in the recap: neither ignored nor rescued
      if (r.status === 'failed' && !r.ignored && !r.rescued) counts = true;
    });
    return { status: best, ignored: ignored, rescued: rescued, counts: counts };
  }
  var info = hosts.map(function (_, h) { return tasks.map(function (_, t) { return cellInfo(h, t); }); });

  // ---- small DOM helpers ------------------------------------------------------------------------------------
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function abbreviate(s, n) { return s.length > n ? s.slice(0, n - 1) + '…' : s; }
  function ms(v) { return v < 1000 ? v + ' ms' : (v / 1000).toFixed(2) + ' s'; }
  function taskTitle(t) {
    var task = tasks[t];
    var title = (task.handler ? 'handler: ' : '') + (task.role ? task.role + ' : ' : '') + task.name;
    return '#' + task.seq + ' ' + title + ' (play: ' + (playNames[task.play] || task.play) + ', ' + task.loc + ')';
  }

  // ---- filters ----------------------------------------------------------------------------------------------
  var visHosts = [], visTasks = [];
  function applyFilters() {
    var status = $('f-status').value;
    var hostQ = $('f-host').value.toLowerCase();
    var taskQ = $('f-task').value.toLowerCase();
    visTasks = [];
    tasks.forEach(function (task, t) {
      if (taskQ && task.name.toLowerCase().indexOf(taskQ) < 0) return;
      visTasks.push(t);
    });
    visHosts = [];
    hosts.forEach(function (host, h) {
      if (hostQ && host.toLowerCase().indexOf(hostQ) < 0) return;
      if (status && !visTasks.some(function (t) { return matches(info[h][t], status); })) return;
      visHosts.push(h);
    });
    // With a status filter, a task column stays only where a shown host has that status.
    if (status) {
      visTasks = visTasks.filter(function (t) {
        return visHosts.some(function (h) { return matches(info[h][t], status); });
      });
    }
    $('f-count').textContent = visHosts.length + ' of ' + hosts.length + ' hosts, ' +
      visTasks.length + ' of ' + tasks.length + ' tasks';
    cursor = null;
    renderGrid();
    timelineDirty = true;
    if (activeTab === 'timeline') renderTimeline();
  }
  function matches(c, status) {
    if (status === 'ignored') return c.ignored;
    if (status === 'rescued') return c.rescued;
    // "failed" means what the recap counts as failed: an ignored or rescued failure is under its own filter
    if (status === 'failed') return c.counts;
    return c.status === status;
  }

  // ---- grid -------------------------------------------------------------------------------------------------
  var grid = $('grid');
  function renderGrid() {
    var thead = el('thead'), head = el('tr');
    var corner = el('th', 'corner', 'host \\ task');
    corner.scope = 'col';
    head.appendChild(corner);
    visTasks.forEach(function (t) {
      var th = el('th', 'task-h');
      th.scope = 'col';
      th.title = taskTitle(t);
      th.appendChild(el('span', null, abbreviate(tasks[t].name, 28)));
      head.appendChild(th);
    });
    thead.appendChild(head);
    var tbody = el('tbody');
    visHosts.forEach(function (h, row) {
      var tr = el('tr');
      tr.dataset.h = String(h);
      var th = el('th', 'host-h', hosts[h]);
      th.scope = 'row';
      th.title = hosts[h];
      tr.appendChild(th);
      visTasks.forEach(function (t) {
        var c = info[h][t];
        var td = el('td', 'cell s-' + c.status + (c.ignored ? ' ign' : '') + (c.rescued ? ' res' : ''));
        td.title = hosts[h] + ' · ' + tasks[t].name + ': ' + c.status + (c.ignored ? ' (ignored)' : '') + (c.rescued ? ' (rescued)' : '');
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    grid.replaceChildren(thead, tbody);
  }
  grid.addEventListener('click', function (ev) {
    var td = ev.target.closest('td.cell');
    if (!td) return;
    var row = td.parentElement.sectionRowIndex, col = td.cellIndex - 1;
    select(row, col);
    $('grid-wrap').focus({ preventScroll: true });
  });

  // Keyboard: the grid is one tab stop; arrows (and Home/End/PageUp/PageDown) move the selected cell.
  var cursor = null;
  function select(row, col) {
    if (visHosts.length === 0 || visTasks.length === 0) return;
    row = Math.max(0, Math.min(visHosts.length - 1, row));
    col = Math.max(0, Math.min(visTasks.length - 1, col));
    var old = grid.querySelector('td.cur');
    if (old) { old.classList.remove('cur'); old.removeAttribute('aria-selected'); }
    var td = grid.tBodies[0].rows[row].cells[col + 1];
    td.classList.add('cur');
    td.setAttribute('aria-selected', 'true');
    td.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    cursor = { row: row, col: col };
    showDetail(visHosts[row], visTasks[col], null);
  }
  $('grid-wrap').addEventListener('keydown', function (ev) {
    var moves = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1],
      PageUp: [-20, 0], PageDown: [20, 0], Home: [0, -1e9], End: [0, 1e9] };
    var m = moves[ev.key];
    if (!m) return;
    ev.preventDefault();
    if (cursor === null) { select(0, 0); return; }
    select(cursor.row + m[0], cursor.col + m[1]);
  });

  // ---- detail pane ------------------------------------------------------------------------------------------
  function showDetail(h, t, only) {
    var pane = $('detail-body');
    var parts = [];
    parts.push(el('h3', null, tasks[t].name));
    var meta = el('dl');
    function item(k, v) { meta.appendChild(el('dt', null, k)); meta.appendChild(el('dd', null, v)); }
    item('host', hosts[h]);
    item('task', taskTitle(t));
    parts.push(meta);
    var list = cells[h][t];
    if (list === null) {
      parts.push(el('p', 'none', 'No result: the host did not run this task.'));
    } else {
      list.forEach(function (i) {
        if (only !== null && only !== i) return;
        var r = run.results[i];
        var box = el('section', 'result s-' + r.status);
        var title = r.status + (r.changed && r.status !== 'changed' ? ' (changed)' : '') +
          (r.ignored ? ' · ignored' : '') + (r.rescued ? ' · rescued' : '');
        box.appendChild(el('h4', 'status', title));
        var d = el('dl');
        function add(k, v) { if (v !== undefined && v !== null && v !== '') { d.appendChild(el('dt', null, k)); d.appendChild(el('dd', null, v)); } }
        add('item', r.item);
        add('delegated to', r.delegatedTo);
        add('started', '+' + ms(r.startMs));
        add('duration', ms(r.durationMs));
        box.appendChild(d);
        if (r.msg) { box.appendChild(el('h5', null, 'msg')); box.appendChild(el('pre', 'msg', r.msg)); }
        if (diffs[i]) { box.appendChild(el('h5', null, 'diff')); box.appendChild(diffBlock(diffs[i])); }
        if (r.stdout) { box.appendChild(el('h5', null, 'stdout')); box.appendChild(el('pre', 'stdout', r.stdout)); }
        if (r.stderr) { box.appendChild(el('h5', null, 'stderr')); box.appendChild(el('pre', 'stderr', r.stderr)); }
        parts.push(box);
      });
    }
    pane.replaceChildren.apply(pane, parts);
    $('detail').classList.add('open');
  }
  // A unified diff, one span per line so added/removed lines are coloured (text only).
  function diffBlock(text) {
    var pre = el('pre', 'diff');
    text.split('\n').forEach(function (line) {
      var c = line.charAt(0);
      var cls = line.indexOf('@@') === 0 ? 'd-hunk' : (line.indexOf('---') === 0 || line.indexOf('+++') === 0) ? 'd-head' :
        c === '+' ? 'd-add' : c === '-' ? 'd-del' : null;
      pre.appendChild(el('span', cls, line + '\n'));
    });
    return pre;
  }
  $('detail-close').addEventListener('click', function () { $('detail').classList.remove('open'); });
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Escape') $('detail').classList.remove('open');
  });

  // ---- tabs and the timeline --------------------------------------------------------------------------------
  var activeTab = 'grid', timelineDirty = true;
  function openTab(name) {
    activeTab = name;
    document.querySelectorAll('[role=tab]').forEach(function (b) {
      var on = b.dataset.tab === name;
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.tabIndex = on ? 0 : -1;
      $('panel-' + b.dataset.tab).hidden = !on;
    });
    if (name === 'timeline' && timelineDirty) renderTimeline();
  }
  document.querySelectorAll('[role=tab]').forEach(function (b) {
    b.addEventListener('click', function () { openTab(b.dataset.tab); });
    b.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowRight' || ev.key === 'ArrowLeft') {
        var next = b.dataset.tab === 'grid' ? 'timeline' : 'grid';
        openTab(next);
        document.querySelector('[data-tab=' + next + ']').focus();
      }
    });
  });

  // Drawn only when its tab opens (and again after a filter changed): one row per shown host, a bar per result.
  function renderTimeline() {
    timelineDirty = false;
    var end = 1;
    run.results.forEach(function (r) { end = Math.max(end, r.startMs + r.durationMs); });
    tasks.forEach(function (t) { end = Math.max(end, t.startMs + (t.durationMs || 0)); });
    var shownTasks = new Set(visTasks);
    var box = $('timeline');
    var scale = el('div', 'tl-scale');
    scale.appendChild(el('span', null, '0'));
    scale.appendChild(el('span', null, ms(Math.round(end / 2))));
    scale.appendChild(el('span', null, ms(end)));
    var rows = [scale];
    visHosts.forEach(function (h) {
      var row = el('div', 'tl-row');
      row.appendChild(el('div', 'tl-host', hosts[h]));
      var track = el('div', 'tl-track');
      visTasks.forEach(function (t) {
        var list = cells[h][t];
        if (list === null || !shownTasks.has(t)) return;
        list.forEach(function (i) {
          var r = run.results[i];
          var bar = el('div', 'tl-bar s-' + r.status);
          bar.style.left = (100 * r.startMs / end) + '%';
          bar.style.width = (100 * r.durationMs / end) + '%';
          bar.title = tasks[t].name + (r.item ? ' (' + r.item + ')' : '') + ': ' + r.status + ', ' + ms(r.durationMs);
          bar.dataset.h = String(h);
          bar.dataset.t = String(t);
          bar.dataset.i = String(i);
          track.appendChild(bar);
        });
      });
      row.appendChild(track);
      rows.push(row);
    });
    box.replaceChildren.apply(box, rows);
  }
  $('timeline').addEventListener('click', function (ev) {
    var bar = ev.target.closest('.tl-bar');
    if (bar) showDetail(Number(bar.dataset.h), Number(bar.dataset.t), Number(bar.dataset.i));
  });

  // A host name in the PLAY RECAP filters the grid to that host (click it again to clear).
  var hostInput = $('f-host');
  document.querySelectorAll('#recap tbody th').forEach(function (th) {
    th.title = 'show only this host in the grid';
    th.addEventListener('click', function () {
      hostInput.value = hostInput.value === th.textContent ? '' : th.textContent;
      applyFilters();
    });
  });

  // ---- start ------------------------------------------------------------------------------------------------
  ['f-status', 'f-host', 'f-task'].forEach(function (id) { $(id).addEventListener('input', applyFilters); });
  applyFilters();
  document.body.dataset.ready = 'true';
})();
`;
