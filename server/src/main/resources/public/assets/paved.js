// Paved portal: the small parts that need a script. Pages work without it.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var token = meta ? meta.content : '';
  // every htmx request carries the session's CSRF token
  document.addEventListener('htmx:configRequest', function (event) {
    event.detail.headers['X-CSRF-Token'] = token;
  });
  // a new preview brings the errors of now; clear the ones it no longer has
  document.addEventListener('htmx:beforeSwap', function (event) {
    if (event.detail.target && event.detail.target.id === 'preview') {
      document.querySelectorAll('#draft .field .error, #draft .error').forEach(function (p) { p.textContent = ''; });
      document.querySelectorAll('#draft .field.invalid').forEach(function (f) { f.classList.remove('invalid'); });
    }
  });
  // "Copy" buttons copy the text of the element they name
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy]');
    if (!button) { return; }
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (source && navigator.clipboard) {
      navigator.clipboard.writeText(source.textContent).then(function () {
        button.textContent = 'Copied';
        setTimeout(function () { button.textContent = 'Copy'; }, 1500);
      });
    }
  });
  // charts: a <canvas data-chart="ID"> draws the JSON in <script type="application/json" id="ID">
  function drawCharts() {
    if (typeof Chart === 'undefined') { return; }
    document.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (canvas.dataset.drawn) { return; }
      var data = JSON.parse(document.getElementById(canvas.getAttribute('data-chart')).textContent);
      new Chart(canvas, {
        type: 'bar',
        data: data,
        options: {
          responsive: true, animation: false,
          scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: 'USD per month' } } },
          plugins: { legend: { position: 'bottom' } }
        }
      });
      canvas.dataset.drawn = 'yes';
    });
  }
  document.addEventListener('DOMContentLoaded', drawCharts);
  document.addEventListener('htmx:afterSettle', drawCharts);
})();
