// Draws the interactive timeline (vis-timeline) for every section[data-timeline-url] on the page, from the JSON the
// app serves at that address. The page's CSP allows no inline script or style: everything here is built with DOM
// methods and textContent, and the only styles set are CSSOM properties (vis-timeline's own, and the gradient that
// shows an approximate date's uncertain span), which the CSP permits.
(function () {
  'use strict';

  var DAY = 24 * 60 * 60 * 1000;
  // Comparisons put every incident on this (arbitrary) day, so day N of each case lines up.
  var DAY_ZERO = new Date(2000, 0, 1);

  function parseDay(iso) {
    var parts = iso.split('-');
    return new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]));
  }

  function addDays(date, days) {
    return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
  }

  function dayNumber(date) {
    return Math.round((date - DAY_ZERO) / DAY);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  // A stage from its first possible day to the end of its last possible day; the uncertain spans of an
  // approximate start or end are faded with a gradient (percentages of the bar's width).
  function uncertaintyStyle(start, startSure, endSure, end) {
    var width = end - start;
    if (width <= 0 || (startSure <= start && endSure >= end)) {
      return undefined;
    }
    var a = Math.max(0, Math.min(100, ((startSure - start) / width) * 100)).toFixed(2);
    var b = Math.max(0, Math.min(100, ((endSure - start) / width) * 100)).toFixed(2);
    var fade = 'rgba(255, 255, 255, 0.7)';
    return 'background-image: linear-gradient(to right, ' + fade + ' 0%, ' + fade + ' ' + a + '%, transparent ' + a + '%, transparent ' + b + '%, ' + fade + ' ' + b + '%, ' + fade + ' 100%);';
  }

  function classFor(item, approximate, running) {
    var names = ['tl-' + item.type.toLowerCase()];
    if (item.kindClass) {
      names.push('tl-kind-' + item.kindClass);
    }
    if (approximate) {
      names.push('tl-approx');
    }
    if (running) {
      names.push('tl-running');
    }
    return names.join(' ');
  }

  function label(item, approximate) {
    return (approximate ? 'about ' : '') + item.label;
  }

  // ----- one case, on calendar dates ------------------------------------------------------------------------------

  // A milestone, a limit's due date, or an officer event that is not a period (a period without an end is running).
  function isPoint(item) {
    return item.type === 'Milestone' || item.type === 'Limit' || (item.type === 'OfficerEvent' && item.end === null && !item.isRunning);
  }

  function caseItems(data) {
    var today = parseDay(data.today);
    return data.items.map(function (item) {
      var startFirst = parseDay(item.start.earliest);
      var startLast = parseDay(item.start.latest);
      var approximate = item.start.isApproximate || (item.end !== null && item.end.isApproximate);
      var drawn = {
        id: item.id,
        group: item.lane,
        label: label(item, approximate),
        source: item
      };
      if (isPoint(item)) {
        if (item.start.isApproximate) {
          drawn.type = 'range';
          drawn.start = startFirst;
          drawn.end = addDays(startLast, 1);
        } else {
          drawn.type = 'point';
          drawn.start = startFirst;
        }
        if (item.type === 'Limit') {
          drawn.label = 'limit ' + (item.clock && item.clock.limitText ? item.clock.limitText + ' ' : '') + 'due' + (item.start.isApproximate ? ' (about)' : '');
        }
        drawn.className = classFor({ type: item.type }, item.start.isApproximate, false);
        return drawn;
      }

      var running = item.end === null;
      if (running && (item.type === 'Stage' || item.type === 'OfficerEvent')) {
        drawn.label += ' (running)';
      }
      var endFirst = running ? today : parseDay(item.end.earliest || item.start.latest);
      var endLast = running ? today : parseDay(item.end.latest || item.start.latest);
      drawn.type = 'range';
      drawn.start = startFirst;
      drawn.end = addDays(endLast, 1);
      drawn.className = classFor({ type: item.type, kindClass: item.type === 'Stage' ? item.lane : null }, approximate, running);
      drawn.style = uncertaintyStyle(startFirst, addDays(startLast, 1), endFirst, drawn.end);
      return drawn;
    });
  }

  function caseGroups(data) {
    return data.lanes.map(function (lane, index) {
      return { id: lane.id, content: lane.name, order: index };
    });
  }

  // ----- several cases, on days from the incident ----------------------------------------------------------------

  function compareItems(data) {
    var items = [];
    data.cases.forEach(function (column) {
      column.stages.concat(column.milestones).forEach(function (row) {
        if (!row.startOffset) {
          return;
        }
        var isMilestone = row.id.indexOf('milestone-') === 0;
        var approximate = !row.startOffset.isExact || (row.endOffset !== null && !row.endOffset.isExact);
        var source = {
          id: row.id,
          type: isMilestone ? 'Milestone' : 'Stage',
          kindName: row.kindName,
          label: row.label,
          caseTitle: column.title,
          caseId: column.id,
          start: row.start,
          end: row.end,
          isRunning: row.isRunning,
          startOffset: row.startOffset,
          endOffset: row.endOffset,
          outcome: row.outcome,
          sources: []
        };
        var drawn = {
          id: 'case-' + column.id + '-' + row.id,
          group: 'case-' + column.id,
          label: label(row, approximate),
          source: source
        };
        var start = addDays(DAY_ZERO, row.startOffset.shortest);
        if (isMilestone) {
          if (row.startOffset.isExact) {
            drawn.type = 'point';
            drawn.start = start;
          } else {
            drawn.type = 'range';
            drawn.start = start;
            drawn.end = addDays(DAY_ZERO, row.startOffset.longest + 1);
          }
          drawn.className = classFor({ type: 'Milestone' }, !row.startOffset.isExact, false);
        } else {
          var end = row.endOffset || row.startOffset;
          drawn.type = 'range';
          drawn.start = start;
          drawn.end = addDays(DAY_ZERO, end.longest + 1);
          drawn.className = classFor({ type: 'Stage' }, approximate, row.isRunning) + ' tl-case-' + (data.cases.indexOf(column) % 8);
          drawn.style = uncertaintyStyle(start, addDays(DAY_ZERO, row.startOffset.longest + 1), addDays(DAY_ZERO, end.shortest), drawn.end);
        }
        items.push(drawn);
      });
    });
    return items;
  }

  function compareGroups(data) {
    return data.cases.map(function (column, index) {
      // Each lane says which case it is in words (title, then reference); the title is shortened on screen, whole on hover.
      return { id: 'case-' + column.id, content: column.title + ' · ' + column.reference, title: column.title + ' (' + column.reference + ')', order: index };
    });
  }

  function dayLabel(date) {
    var days = dayNumber(date.toDate ? date.toDate() : date);
    if (days !== 0 && days % 365 === 0) {
      return 'year ' + (days / 365);
    }
    return 'day ' + days.toLocaleString('en-GB');
  }

  // ----- the panel that shows a selected item ---------------------------------------------------------------------

  function addFact(list, term, value) {
    if (value === undefined || value === null || value === '') {
      return;
    }
    list.appendChild(element('dt', 'col-sm-4', term));
    list.appendChild(element('dd', 'col-sm-8', value));
  }

  function dateRange(item) {
    if (isPoint(item)) {
      return (item.start.isApproximate && item.type !== 'Limit' ? 'about ' : '') + item.start.text;
    }
    var text = item.start.text + ' to ';
    if (item.end === null) {
      text += item.type === 'Pause' ? 'now (still paused)' : 'now (running)';
    } else {
      text += item.end.text;
    }
    return text;
  }

  function showDetail(panel, item) {
    panel.replaceChildren();
    var body = element('div', 'card-body');
    var heading = element('h3', 'h6 card-title');
    heading.appendChild(element('span', 'badge text-bg-secondary me-1', item.kindName));
    heading.appendChild(document.createTextNode(item.label));
    body.appendChild(heading);

    var facts = element('dl', 'row mb-2 small timeline-detail-facts');
    if (item.caseTitle) {
      addFact(facts, 'Case', item.caseTitle);
    }
    addFact(facts, item.type === 'Limit' ? 'Due' : 'Dates', dateRange(item));
    if (item.startOffset) {
      addFact(facts, 'Days from the incident', item.startOffset.text + (item.endOffset && item.type !== 'Milestone' ? ' to ' + item.endOffset.text + (item.isRunning ? ' so far' : '') : ''));
    }
    addFact(facts, item.type === 'Pause' ? 'Paused for' : 'Duration', item.duration);
    addFact(facts, item.type === 'Pause' ? 'Reason' : item.type === 'Limit' ? 'Clock' : 'Outcome', item.outcome);
    if (item.clock && item.type === 'Stage') {
      addFact(facts, 'Clock', item.clock.statusText + ': ' + item.clock.text + (item.clock.limitText ? ' (limit ' + item.clock.limitText + ')' : ''));
    }
    if (item.clock && item.clock.legalSource) {
      addFact(facts, 'Limit set by', item.clock.legalSource);
    }
    body.appendChild(facts);

    if (item.sources.length > 0) {
      body.appendChild(element('h4', 'h6', item.sources.length === 1 ? 'Source' : 'Sources'));
      var list = element('ul', 'small timeline-detail-sources mb-0');
      item.sources.forEach(function (source) {
        var entry = element('li');
        var link = element('a', null, source.publisher || source.url);
        link.href = source.url;
        link.rel = 'noopener noreferrer external';
        entry.appendChild(link);
        if (source.quote) {
          entry.appendChild(element('blockquote', 'mb-1', '\u201c' + source.quote + '\u201d'));
        }
        list.appendChild(entry);
      });
      body.appendChild(list);
    } else if (item.caseId) {
      var more = element('p', 'small mb-0');
      var caseLink = element('a', null, 'Sources on the case page');
      caseLink.href = '/cases/' + item.caseId;
      more.appendChild(caseLink);
      body.appendChild(more);
    } else {
      body.appendChild(element('p', 'small mb-0', 'No source recorded.'));
    }
    panel.appendChild(body);
    panel.hidden = false;
  }

  // Everything drawn, with a margin either side (vis-timeline's own fit() also weighs label widths, which on a
  // phone can leave most of the bars off screen).
  function wholeSpan(drawnItems, from) {
    var first = from ? from.getTime() : Infinity;
    var last = -Infinity;
    drawnItems.forEach(function (item) {
      first = Math.min(first, item.start.getTime());
      last = Math.max(last, (item.end || item.start).getTime());
    });
    var margin = Math.max((last - first) * 0.04, 15 * DAY);
    return { start: new Date(first - margin), end: new Date(last + margin) };
  }

  // ----- wiring -----------------------------------------------------------------------------------------------------

  function draw(section, data) {
    var byDays = section.getAttribute('data-timeline-axis') === 'DaysFromIncident';
    var container = section.querySelector('.timeline-chart');
    var status = section.querySelector('.timeline-status');
    var panel = section.querySelector('.timeline-detail');
    var drawnItems = byDays ? compareItems(data) : caseItems(data);
    var lookup = {};
    drawnItems.forEach(function (item) {
      lookup[item.id] = item.source;
    });

    var groups = new vis.DataSet((byDays ? compareGroups(data) : caseGroups(data)).map(function (group) {
      var text = element('span', 'tl-lane', group.content);
      if (group.title) {
        text.title = group.title;
      }
      return { id: group.id, content: text, order: group.order };
    }));
    var items = new vis.DataSet(drawnItems.map(function (item) {
      return { id: item.id, group: item.group, type: item.type, start: item.start, end: item.end, className: item.className, style: item.style, label: item.label };
    }));

    var options = {
      stack: true,
      orientation: { axis: 'top', item: 'top' },
      zoomKey: 'ctrlKey',
      zoomMin: 7 * DAY,
      zoomMax: 60 * 365 * DAY,
      // No inner vertical scrolling: the page scrolls, so there is no scrollable region a keyboard cannot reach.
      verticalScroll: false,
      groupOrder: 'order',
      showCurrentTime: false,
      selectable: true,
      margin: { item: { horizontal: 2, vertical: 6 } },
      template: function (item) {
        if (!item) {
          return '';
        }
        var content = element('span', 'tl-label', item.label);
        content.setAttribute('data-item-id', item.id);
        // Reachable by keyboard: Tab to a bar or point, Enter or Space shows its details (as a click does).
        content.setAttribute('tabindex', '0');
        content.setAttribute('role', 'button');
        return content;
      }
    };
    if (byDays) {
      options.format = {
        minorLabels: function (date) { return dayLabel(date); },
        majorLabels: function () { return ''; }
      };
      options.showMajorLabels = false;
    }

    var span = wholeSpan(drawnItems, byDays ? DAY_ZERO : null);
    var timeline;
    // After vis-timeline's first draw, show everything, then mark the section ready once that window is painted
    // (tests and other scripts wait for data-timeline-ready).
    options.onInitialDrawComplete = function () {
      var waiting = true;
      timeline.on('changed', function () {
        if (waiting) {
          waiting = false;
          section.setAttribute('data-timeline-ready', String(drawnItems.length));
        }
      });
      timeline.setWindow(span.start, span.end, { animation: false });
      timeline.redraw();
    };
    timeline = new vis.Timeline(container, items, groups, options);
    if (byDays) {
      timeline.addCustomTime(DAY_ZERO, 'day-zero');
      timeline.setCustomTimeMarker('Incident (day 0)', 'day-zero', false);
    } else {
      timeline.addCustomTime(parseDay(data.today), 'today');
      timeline.setCustomTimeMarker('Today', 'today', false);
      if (data.incident.earliest) {
        timeline.addCustomTime(parseDay(data.incident.earliest), 'incident');
        timeline.setCustomTimeMarker('Incident', 'incident', false);
      }
    }

    // The details open below the chart: bring them into view (on a phone they would open off-screen).
    function reveal(chosen) {
      showDetail(panel, chosen);
      var box = panel.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) {
        panel.scrollIntoView({ block: 'nearest' });
      }
    }

    timeline.on('select', function (properties) {
      var chosen = properties.items.length > 0 ? lookup[properties.items[0]] : null;
      if (chosen) {
        reveal(chosen);
      }
    });

    container.addEventListener('keydown', function (event) {
      var target = event.target.closest ? event.target.closest('[data-item-id]') : null;
      if (!target || (event.key !== 'Enter' && event.key !== ' ')) {
        return;
      }
      event.preventDefault();
      var id = target.getAttribute('data-item-id');
      if (lookup[id]) {
        timeline.setSelection([id]);
        reveal(lookup[id]);
      }
    });

    section.querySelectorAll('[data-timeline-action]').forEach(function (button) {
      button.addEventListener('click', function () {
        var action = button.getAttribute('data-timeline-action');
        if (action === 'zoom-in') {
          timeline.zoomIn(0.5);
        } else if (action === 'zoom-out') {
          timeline.zoomOut(0.5);
        } else {
          timeline.setWindow(span.start, span.end);
        }
      });
    });

    var undrawn = byDays ? 0 : data.undated.length;
    status.textContent = drawnItems.length + (drawnItems.length === 1 ? ' item' : ' items') + ' drawn' + (undrawn > 0 ? '; ' + undrawn + (undrawn === 1 ? ' with an unknown date is' : ' with an unknown date are') + ' only in the list' : '') + '.';
  }

  function load(section) {
    section.hidden = false;
    var status = section.querySelector('.timeline-status');
    fetch(section.getAttribute('data-timeline-url'), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error('The timeline data answered ' + response.status + '.');
        }
        return response.json();
      })
      .then(function (data) {
        draw(section, data);
      })
      .catch(function (error) {
        status.textContent = 'The chart could not be drawn. The list on this page has every date.';
        console.error(error);
      });
  }

  if (typeof vis === 'undefined') {
    return;
  }
  document.querySelectorAll('section[data-timeline-url]').forEach(load);
})();
