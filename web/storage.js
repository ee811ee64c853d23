// The person's folder in IndexedDB, shared by every tab of the app (docs/DESIGN.md, "What the app promises about
// your data"). Linked with --pre-js; platform_web.cpp drives it through Module.wlStore.
//
// - Layout: the database Emscripten's IDBFS uses (name = the folder, store FILE_DATA, key = the file's path, value
//   {timestamp, mode, contents}), so files saved by earlier builds load unchanged.
// - Every write is one transaction, and a failed request aborts it (nothing is swallowed, unlike IDBFS in
//   Emscripten 3.1.6): a full quota, a write refused half-way or an abort leave the stored files exactly as they
//   were, and the failure is reported, never taken for a success.
// - Two tabs: each save is a cycle under a Web Lock (one tab at a time): read the stored files into the in-memory
//   folder, let the app merge them with its own changes (Module._wl_store_merge, in the same task, so no frame
//   runs in between), write the result, then tell the other tabs (BroadcastChannel), which run a cycle of their
//   own and so show the change without a reload.
var Module = typeof Module !== "undefined" ? Module : {};
Module.wlStore = (function() {
  var S = {state: 0, busy: false, again: false, error: "", flushes: 0, failures: 0, merges: 0, heard: 0, dir: "", db: null};
  var tab = Math.random().toString(36).slice(2);
  var channel = null;

  function message(e) { return String((e && (e.name && e.message ? e.name + ": " + e.message : e.message || e.name)) || e); }
  function isFile(mode) { return (mode & 61440) === 32768; }
  function prefix() { return S.dir + "/"; }

  function openDb(done) {
    try {
      if (typeof indexedDB === "undefined" || !indexedDB) throw new Error("this browser offers no IndexedDB");
      var req = indexedDB.open(S.dir, 21);
      req.onupgradeneeded = function() {
        var db = req.result;
        var store = db.objectStoreNames.contains("FILE_DATA") ? req.transaction.objectStore("FILE_DATA")
                                                                : db.createObjectStore("FILE_DATA");
        if (!store.indexNames.contains("timestamp")) store.createIndex("timestamp", "timestamp", {unique: false});
      };
      req.onsuccess = function() { done(null, req.result); };
      req.onerror = function() { done(req.error || new Error("IndexedDB refused to open")); };
      req.onblocked = function() { done(new Error("IndexedDB is blocked by another tab")); };
    } catch (e) {
      done(e);
    }
  }

  // One transaction; done(err) exactly once, after it committed (err null) or aborted.
  function transact(mode, work, done) {
    var finished = false, failure = null;
    var finish = function(err) { if (!finished) { finished = true; done(err); } };
    var tx;
    try {
      tx = S.db.transaction(["FILE_DATA"], mode);
    } catch (e) {
      finish(e);
      return;
    }
    tx.oncomplete = function() { finish(failure); };
    tx.onabort = function() { finish(failure || tx.error || new Error("the write was aborted")); };
    try {
      work(tx.objectStore("FILE_DATA"), function(e) { failure = failure || e; try { tx.abort(); } catch (x) {} });
    } catch (e) {
      failure = failure || e;
      try { tx.abort(); } catch (x) { finish(failure); }
    }
  }

  // Stored files -> the in-memory folder (files stored nowhere are removed), then then(null) in the same task.
  function pull(then) {
    var files = {};
    transact("readonly", function(store, fail) {
      var req = store.openCursor();
      req.onerror = function() { fail(req.error); };
      req.onsuccess = function() {
        var c = req.result;
        if (!c) return;
        var key = String(c.key);
        if (key.indexOf(prefix()) === 0 && c.value && isFile(c.value.mode)) files[key] = c.value.contents;
        c.continue();
      };
    }, function(err) {
      if (err) { then(err); return; }
      try {
        FS.readdir(S.dir).forEach(function(name) {
          var p = prefix() + name;
          if (name !== "." && name !== ".." && FS.isFile(FS.stat(p).mode) && !(p in files)) FS.unlink(p);
        });
        Object.keys(files).forEach(function(p) { FS.writeFile(p, new Uint8Array(files[p])); });
      } catch (e) {
        then(e);
        return;
      }
      then(null);
    });
  }

  // The in-memory folder -> stored files, all or nothing.
  function push(done) {
    var local = {};
    FS.readdir(S.dir).forEach(function(name) {
      var p = prefix() + name;
      if (name !== "." && name !== ".." && FS.isFile(FS.stat(p).mode)) local[p] = FS.readFile(p);
    });
    transact("readwrite", function(store, fail) {
      Object.keys(local).forEach(function(p) {
        var req = store.put({timestamp: new Date(), mode: 33206, contents: local[p]}, p);
        req.onerror = function() { fail(req.error); };
      });
      var keys = store.getAllKeys();
      keys.onerror = function() { fail(keys.error); };
      keys.onsuccess = function() {
        keys.result.map(String).forEach(function(k) {
          if (k.indexOf(prefix()) === 0 && !(k in local)) {
            var del = store.delete(k);
            del.onerror = function() { fail(del.error); };
          }
        });
      };
    }, done);
  }

  function withLock(fn) {
    if (typeof navigator !== "undefined" && navigator.locks && navigator.locks.request) {
      navigator.locks.request("weightless:" + S.dir, function() { return new Promise(function(release) { fn(release); }); })
        .catch(function(e) { S.error = message(e); });
    } else {
      fn(function() {});
    }
  }

  function failed(err) {
    S.failures++;
    S.error = message(err);
  }

  // Pull, merge, push when the merge wrote: the only way the folder reaches IndexedDB.
  function cycle() {
    if (S.state !== 1) return;
    if (S.busy) { S.again = true; return; }
    S.busy = true;
    withLock(function(release) {
      var finish = function() {
        release();
        S.busy = false;
        Module.wlLastInput = performance.now();  // draw the outcome (an idle page skips frames)
        if (S.again) { S.again = false; cycle(); }
      };
      pull(function(err) {
        if (err) {  // nothing read, nothing written: the app says it cannot save
          failed(err);
          if (Module._wl_store_pushed) Module._wl_store_pushed(0);
          finish();
          return;
        }
        var wrote = Module._wl_store_merge ? Module._wl_store_merge() : 0;
        S.merges++;
        if (!wrote) { finish(); return; }
        push(function(err2) {
          if (err2) {
            failed(err2);
          } else {
            S.flushes++;
            S.error = "";
            if (channel) channel.postMessage({from: tab});
          }
          if (Module._wl_store_pushed) Module._wl_store_pushed(err2 ? 0 : 1);
          finish();
        });
      });
    });
  }

  function begin(dir) {
    Module.wlPersist = S;  // what platform_web.cpp and the tests read
    S.dir = dir;
    try { FS.mkdir(dir); } catch (e) {}
    openDb(function(err, db) {
      if (err) { S.state = 2; S.error = message(err); return; }
      S.db = db;
      pull(function(err2) {
        if (err2) { S.state = 2; S.error = message(err2); return; }
        S.state = 1;
        if (typeof BroadcastChannel !== "undefined") {
          channel = new BroadcastChannel("weightless:" + dir);
          channel.onmessage = function(e) { if (e.data && e.data.from !== tab) { S.heard++; cycle(); } };
        }
        // A tab coming back to the front catches up with anything it missed.
        document.addEventListener("visibilitychange", function() { if (!document.hidden) cycle(); });
      });
    });
  }

  return {begin: begin, cycle: cycle};
})();
