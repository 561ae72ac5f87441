// When Đôn Đốc's WebAssembly stops on an error it cannot recover from, this plain script (which
// does not depend on it) tells the person in Vietnamese and offers the stored data as a backup
// file, in the same format as "Sao lưu", read straight from IndexedDB.
(function () {
  'use strict';

  function download(text, name) {
    var url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  /** Read every stored task and unit and download them as a backup. */
  window.dondocRescue = function () {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open('dondoc');
      open.onerror = function () { reject(open.error); };
      open.onsuccess = function () {
        var db = open.result;
        var tx = db.transaction(['tasks', 'units', 'meta'], 'readonly');
        var tasks = tx.objectStore('tasks').getAll();
        var units = tx.objectStore('units').getAll();
        var version = tx.objectStore('meta').get('schema_version');
        tx.oncomplete = function () {
          db.close();
          var parse = function (records) {
            return records.map(function (r) { try { return JSON.parse(r); } catch (e) { return null; } }).filter(Boolean);
          };
          // Since schema version 4 a task record holds many tasks, one per line.
          var lines = function (records) {
            if ((version.result || 1) < 4) return records;
            return [].concat.apply([], records.map(function (r) { return String(r).split('\n'); }))
              .filter(function (l) { return l.trim() !== ''; });
          };
          var now = new Date();
          var stamp = now.getFullYear() + '-' + pad(now.getMonth() + 1) + '-' + pad(now.getDate());
          var backup = {
            format: 'dondoc-backup',
            schema_version: version.result || 1,
            saved_at: stamp + 'T' + pad(now.getHours()) + ':' + pad(now.getMinutes()) + ':' + pad(now.getSeconds()),
            units: parse(units.result),
            tasks: parse(lines(tasks.result)),
          };
          download(JSON.stringify(backup, null, 2), 'Sao-luu-Don-Doc_' + stamp + '.json');
          resolve(backup.tasks.length);
        };
      };
    });
  };

  /** Show what happened, with the backup button and a reload. */
  window.dondocCrashed = function () {
    if (document.getElementById('crash')) return;
    var box = document.createElement('div');
    box.id = 'crash';
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-modal', 'true');
    box.setAttribute('aria-labelledby', 'crash-title');
    box.innerHTML =
      '<div class="crash-card">' +
      '<h2 id="crash-title">Đôn Đốc gặp lỗi và phải dừng</h2>' +
      '<p>Các thay đổi đã lưu vẫn còn nguyên trên trình duyệt này. Hãy tải bản sao lưu rồi tải lại trang. ' +
      'Nếu lỗi lặp lại, hãy gửi bản sao lưu và mô tả thao tác vừa làm cho người quản trị.</p>' +
      '<p><button type="button" class="btn btn-primary" id="crash-backup">Tải bản sao lưu</button> ' +
      '<button type="button" class="btn" id="crash-reload">Tải lại trang</button></p>' +
      '<p class="crash-status" role="status"></p>' +
      '</div>';
    document.body.appendChild(box);
    var status = box.querySelector('.crash-status');
    box.querySelector('#crash-backup').addEventListener('click', function () {
      window.dondocRescue().then(function (n) {
        status.textContent = 'Đã tải bản sao lưu gồm ' + n + ' nhiệm vụ.';
      }, function () {
        status.textContent = 'Không đọc được dữ liệu đã lưu trên trình duyệt này.';
      });
    });
    box.querySelector('#crash-reload').addEventListener('click', function () { location.reload(); });
    box.querySelector('#crash-backup').focus();
  };
})();
