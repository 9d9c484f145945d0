// The progress page's status widget (BEHAVIOUR §6.1): Refresh Status, saving
// progress and todos to localStorage, restoring them with
// PUT /challenger/{guid} and PUT /challenger/database/{guid}, and the list
// of previously used GUIDs. Served by challenge-server; no dependencies.
(function () {
  'use strict';

  var GUIDS_KEY = 'challenges-guids';
  var DATABASE_COOKIE = 'X-THINGIFIER-DATABASE-NAME';
  var AUTO_SAVE_COOKIE = 'auto-save-x-challenger-locally';
  var KEEP_ALIVE_MS = 300000;
  var LAST_SAVED_COOKIE = 'last-auto-saved-x-challenger';

  var dataElement = document.getElementById('challenger-data');
  if (!dataElement) {
    return;
  }
  var state = JSON.parse(dataElement.textContent);
  var guid = state.guid;
  publish(state);

  function byId(id) {
    return document.getElementById(id);
  }

  function publish(data) {
    state = data;
    // The names the original GUI used, for learners poking at the page.
    document.challengerData = data.challengerData;
    document.databaseData = data.databaseData;
  }

  function message(text) {
    var el = byId('status-message');
    if (el) {
      el.textContent = text;
    }
  }

  // -- local storage and cookies -------------------------------------------

  function load(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (e) {
      return null;
    }
  }

  function store(key, value) {
    try {
      window.localStorage.setItem(key, value);
      return true;
    } catch (e) {
      message('This browser does not allow local storage: ' + e);
      return false;
    }
  }

  function remove(key) {
    try {
      window.localStorage.removeItem(key);
    } catch (e) {
      // nothing stored, nothing to remove
    }
  }

  function cookie(name) {
    var parts = document.cookie ? document.cookie.split(';') : [];
    for (var i = 0; i < parts.length; i++) {
      var pair = parts[i].trim();
      var eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq) === name) {
        return pair.substring(eq + 1);
      }
    }
    return null;
  }

  // `maxAge` undefined: a session cookie; 0: delete it.
  function setCookie(name, value, maxAge) {
    var text = name + '=' + value + '; path=/; SameSite=Lax';
    if (maxAge !== undefined) {
      text += '; max-age=' + maxAge;
    }
    document.cookie = text;
  }

  // Only what a GUID can hold: keeps keys, URLs and cookies clean.
  function clean(value) {
    return String(value || '').replace(/[^-a-zA-Z0-9_]/g, '');
  }

  // -- the list of GUIDs (`|guid1||guid2|`, as the original stored it) ------

  function guids() {
    return (load(GUIDS_KEY) || '').split('|').filter(function (x) {
      return x.length > 0;
    });
  }

  function rememberGuid(value) {
    var list = load(GUIDS_KEY) || '';
    if (value && list.indexOf('|' + value + '|') < 0) {
      store(GUIDS_KEY, list + '|' + value + '|');
    }
  }

  function forgetGuid(value) {
    store(GUIDS_KEY, (load(GUIDS_KEY) || '').split('|' + value + '|').join(''));
    remove(value + '.progress');
    remove(value + '.data');
    if (cookie(DATABASE_COOKIE) === value) {
      setCookie(DATABASE_COOKIE, '', 0);
    }
    renderGuids();
    message('Forgot ' + value + '.');
  }

  function renderGuids() {
    var list = byId('guid-list');
    if (!list) {
      return;
    }
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    var xs = guids();
    if (xs.length === 0) {
      var none = document.createElement('li');
      none.textContent = 'None yet.';
      list.appendChild(none);
    }
    xs.forEach(function (value) {
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = '/gui/challenges/' + encodeURIComponent(clean(value));
      link.textContent = value;
      var forget = document.createElement('button');
      forget.type = 'button';
      forget.className = 'forget';
      forget.textContent = 'forget';
      forget.setAttribute('data-guid', value);
      forget.addEventListener('click', function () {
        forgetGuid(value);
      });
      item.appendChild(link);
      item.appendChild(document.createTextNode(' '));
      item.appendChild(forget);
      list.appendChild(item);
    });
  }

  // -- status ---------------------------------------------------------------

  function todosOf(database) {
    return database && Array.isArray(database.todos) ? database.todos : [];
  }

  function renderStatus() {
    var status = (state.challengerData && state.challengerData.challengeStatus)
      || {};
    var rows = document.querySelectorAll('tr[data-challenge]');
    var done = 0;
    rows.forEach(function (row) {
      var isDone = status[row.getAttribute('data-challenge')] === true;
      if (isDone) {
        done++;
      }
      row.className = 'status' + isDone;
      row.querySelector('td.done').textContent = String(isDone);
    });
    setText('count-total', rows.length);
    setText('count-done', done);
    setText('count-remain', rows.length - done);
    setText('todo-count', todosOf(state.databaseData).length);
  }

  function setText(id, value) {
    var el = byId(id);
    if (el) {
      el.textContent = String(value);
    }
  }

  function autoSaving() {
    var box = byId('auto-save');
    return box !== null && box.checked;
  }

  // Reads the challenger's progress and todos again (the server reads the
  // session for the page: it credits no challenge).
  function refresh() {
    message('Refreshing...');
    return fetch('/gui/challenges/' + encodeURIComponent(guid) + '/data', {
      cache: 'no-store'
    }).then(function (response) {
      return response.json();
    }).then(function (data) {
      if (!data.known) {
        message('The server does not know ' + guid + ' any more. Restore '
          + 'your locally saved progress to bring it back.');
        return;
      }
      publish(data);
      renderStatus();
      if (autoSaving()) {
        saveProgress(true);
        saveTodos(true);
        setCookie(LAST_SAVED_COOKIE, guid);
      }
      message('Status refreshed at ' + new Date().toLocaleTimeString() + '.');
    }).catch(function (e) {
      message('Could not refresh the status: ' + e);
    });
  }

  function saveProgress(quiet) {
    if (!state.challengerData) {
      message('There is no progress to save.');
      return;
    }
    if (store(guid + '.progress', JSON.stringify(state.challengerData))) {
      rememberGuid(guid);
      renderGuids();
      if (!quiet) {
        message('Progress saved to local storage.');
      }
    }
  }

  function saveTodos(quiet) {
    var todos = todosOf(state.databaseData).slice().sort(function (a, b) {
      return a.id - b.id;
    });
    if (store(guid + '.data', JSON.stringify({ todos: todos }))) {
      rememberGuid(guid);
      renderGuids();
      if (!quiet) {
        message(todos.length + ' todos saved to local storage.');
      }
    }
  }

  function put(path, body) {
    return fetch(path, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      body: body
    }).then(function (response) {
      return response.text().then(function (text) {
        return { status: response.status, text: text };
      });
    });
  }

  // After a restore: an unknown challenger's page becomes its progress
  // page; a known one refreshes in place.
  function afterRestore(text) {
    message(text);
    if (!state.known) {
      window.location.reload();
      return null;
    }
    return refresh().then(function () {
      message(text);
    });
  }

  function restoreProgress() {
    var saved = load(guid + '.progress');
    if (!saved) {
      message('No progress for ' + guid + ' is saved in this browser.');
      return null;
    }
    message('Restoring progress...');
    return put('/challenger/' + encodeURIComponent(guid), saved)
      .then(function (answer) {
        if (answer.status === 200 || answer.status === 201) {
          return afterRestore('Progress restored.');
        }
        message('Restoring progress failed: ' + answer.status + ' '
          + answer.text);
        return null;
      }).catch(function (e) {
        message('Restoring progress failed: ' + e);
      });
  }

  function restoreTodos() {
    var saved = load(guid + '.data');
    if (!saved) {
      message('No todos for ' + guid + ' are saved in this browser.');
      return null;
    }
    message('Restoring todos...');
    return put('/challenger/database/' + encodeURIComponent(guid), saved)
      .then(function (answer) {
        if (answer.status === 204) {
          return afterRestore('Todos restored.');
        }
        if (answer.status === 404) {
          message('The server does not know ' + guid + ': restore the '
            + 'progress first.');
          return null;
        }
        message('Restoring todos failed: ' + answer.status + ' '
          + answer.text);
        return null;
      }).catch(function (e) {
        message('Restoring todos failed: ' + e);
      });
  }

  function inputGuid() {
    var value = clean(window.prompt('Challenger GUID to use'));
    if (value) {
      window.location.href = '/gui/challenges/' + value;
    }
  }

  function on(id, handler) {
    var el = byId(id);
    if (el) {
      el.addEventListener('click', function () {
        handler();
      });
    }
  }

  // -- start ----------------------------------------------------------------

  on('refresh-status', refresh);
  on('save-progress', function () {
    saveProgress(false);
  });
  on('save-todos', function () {
    saveTodos(false);
  });
  on('restore-progress', restoreProgress);
  on('restore-todos', restoreTodos);
  on('input-guid', inputGuid);

  var autoSave = byId('auto-save');
  if (autoSave) {
    autoSave.checked = cookie(AUTO_SAVE_COOKIE) === 'true';
    autoSave.addEventListener('change', function () {
      setCookie(AUTO_SAVE_COOKIE, autoSave.checked ? 'true' : 'false');
    });
  }

  if (state.known) {
    if (state.multiUser) {
      rememberGuid(guid);
    }
  } else if (guid && (load(guid + '.progress') || load(guid + '.data'))) {
    var restore = byId('restore-local');
    if (restore) {
      restore.hidden = false;
    }
  }
  // --gui-keep-alive: an open page keeps its session from going idle, as
  // the original's -guikeepalive did (a GET of the challenger every 5 min).
  if (state.known && state.keepAlive) {
    setInterval(function () {
      var req = new XMLHttpRequest();
      req.open('GET', '/challenger/' + encodeURIComponent(guid));
      req.send();
    }, KEEP_ALIVE_MS);
  }
  renderGuids();
  document.body.setAttribute('data-gui-ready', 'true');
})();
