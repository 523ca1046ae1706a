// The sample's web page: plain DOM and fetch against the JSON API next to it (api/...).
(function () {
  'use strict';

  const byId = (id) => document.getElementById(id);

  function show(element, message, isError) {
    element.textContent = message;
    element.classList.toggle('error', Boolean(isError));
  }

  // The API answers JSON, also for errors: {"status": 400, "error": "what to fix"}.
  async function call(url, options) {
    let response;
    try {
      response = await fetch(url, options);
    } catch (e) {
      throw new Error('The server did not answer: ' + e.message);
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      throw new Error('HTTP ' + response.status + ' without a JSON body');
    }
    if (!response.ok) {
      throw new Error(body && body.error ? body.error : 'HTTP ' + response.status);
    }
    return body;
  }

  async function refreshTotal() {
    try {
      const info = await call('api/documents');
      byId('total').textContent = info.total + ' documents indexed (embedder ' + info.embedder + ').';
    } catch (e) {
      byId('total').textContent = '';
    }
  }

  byId('search-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const status = byId('search-status');
    const table = byId('results');
    const rows = table.querySelector('tbody');
    show(status, 'Searching...');
    try {
      const hits = await call('api/search?limit=10&q=' + encodeURIComponent(byId('query').value));
      rows.replaceChildren();
      for (const hit of hits) {
        const row = document.createElement('tr');
        row.className = 'hit';
        for (const [cls, value] of [['score', hit.score.toFixed(3)], ['text', hit.text], ['id', String(hit.id)]]) {
          const cell = document.createElement('td');
          cell.className = cls;
          cell.textContent = value;
          row.appendChild(cell);
        }
        rows.appendChild(row);
      }
      table.hidden = hits.length === 0;
      show(status, hits.length === 0 ? 'No documents yet: add some below.' : hits.length + ' results');
    } catch (e) {
      table.hidden = true;
      show(status, e.message, true);
    }
  });

  byId('add-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const status = byId('add-status');
    const id = Number(byId('doc-id').value);
    show(status, 'Adding...');
    try {
      const answer = await call('api/documents', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify([{ id: id, text: byId('doc-text').value }])
      });
      show(status, 'Added document ' + id + '; ' + answer.total + ' documents indexed.');
      byId('doc-id').value = id + 1;
      byId('doc-text').value = '';
      refreshTotal();
    } catch (e) {
      show(status, e.message, true);
    }
  });

  refreshTotal();
}());
