/**
 * The hall display's script, run in the TV's browser. Plain browser JavaScript, served as
 * it is (no build step): `/hall/display/display.js`.
 *
 * It listens to the push channel (EventSource reconnects by itself; the page says when it is
 * away), draws the board, keeps the clock in hall time from the server's clock, and announces each
 * call from the prerecorded clips — one announcement ends before the next starts — falling back
 * to the browser's speech only where a Chinese voice exists.
 */
(function runDisplay() {
  'use strict';
  const root = document.documentElement;
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const timeZone = root.dataset.timeZone ?? 'Asia/Shanghai';
  const $ = (id) => document.getElementById(id);
  let skewMs = 0;
  const announced = new Set();
  const pending = [];
  let speaking = false;
  let voiceBlocked = false;

  const clock = new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const date = new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'long',
  });
  function tick() {
    const now = new Date(Date.now() + skewMs);
    $('clock').textContent = clock.format(now);
    $('date').textContent = date.format(now);
  }

  function cell(tag, text, className) {
    const element = document.createElement(tag);
    element.textContent = text;
    if (className) element.className = className;
    return element;
  }

  function draw(board) {
    skewMs = Date.parse(board.serverTime) - Date.now();
    $('hall').textContent = board.hallName;
    const latest = board.calls[0];
    $('now-number').textContent = latest ? latest.number : '—';
    $('now-window').textContent = latest ? `请到 ${latest.window} 号窗口` : '请留意叫号';
    const windows = $('windows');
    windows.replaceChildren(
      ...board.windows
        .filter((window) => window.open || window.current)
        .map((window) => {
          const row = document.createElement('li');
          row.append(cell('span', `${window.window} 号窗口`, 'win'), cell('span', window.current ?? '—', 'num'));
          return row;
        }),
    );
    $('calls').replaceChildren(
      ...board.calls.map((call) => {
        const row = document.createElement('li');
        row.append(cell('span', call.number, 'num'), cell('span', `${call.window} 号窗口`, 'win'));
        return row;
      }),
    );
    $('queues').replaceChildren(
      ...board.queues.map((queue) => {
        const row = document.createElement('li');
        row.append(
          cell('span', queue.letter, 'letter'),
          cell('span', queue.name, 'name'),
          cell('span', queue.open ? `等候 ${queue.waiting} 人` : `停止取号 · 等候 ${queue.waiting} 人`, 'waiting'),
        );
        return row;
      }),
    );
    root.dataset.calls = String(board.calls.length);
  }

  const callKey = (call) => `${call.number}@${call.window}#${call.times}`;

  function playClips(call) {
    const audio = new Audio(
      `/hall/display/voice.wav?token=${encodeURIComponent(token)}&number=${encodeURIComponent(call.number)}&window=${call.window}`,
    );
    return new Promise((resolve, reject) => {
      audio.onended = () => resolve();
      audio.onerror = () => reject(new Error('clip'));
      audio.play().catch(reject);
    });
  }

  function speakText(call) {
    const voices = typeof speechSynthesis === 'undefined' ? [] : speechSynthesis.getVoices();
    const chinese = voices.find((voice) => voice.lang.toLowerCase().startsWith('zh'));
    if (!chinese) return Promise.resolve();
    const text = `请${call.number}号到${call.window}号窗口办理`;
    const once = () =>
      new Promise((resolve) => {
        const utterance = new SpeechSynthesisUtterance(text);
        utterance.voice = chinese;
        utterance.lang = chinese.lang;
        utterance.onend = () => resolve();
        utterance.onerror = () => resolve();
        speechSynthesis.speak(utterance);
      });
    return once().then(once);
  }

  /** One announcement at a time, in the order of the calls. */
  async function speakNext() {
    if (speaking) return;
    speaking = true;
    while (pending.length > 0) {
      const call = pending.shift();
      $('speaking').textContent = `正在播报：请 ${call.number} 号到 ${call.window} 号窗口办理`;
      root.dataset.speaking = call.number;
      root.dataset.spokenOrder = [
        ...(root.dataset.spokenOrder ? root.dataset.spokenOrder.split(',') : []),
        call.number,
      ].join(',');
      try {
        await playClips(call);
      } catch (error) {
        if (error instanceof DOMException && error.name === 'NotAllowedError') {
          voiceBlocked = true;
          $('unmute').hidden = false;
        } else {
          await speakText(call);
        }
      }
      const spoken = Number(root.dataset.spoken ?? '0') + 1;
      root.dataset.spoken = String(spoken);
    }
    delete root.dataset.speaking;
    $('speaking').textContent = '';
    speaking = false;
  }

  function announce(call) {
    const key = callKey(call);
    if (announced.has(key)) return;
    announced.add(key);
    const log = root.dataset.heard ? root.dataset.heard.split(',') : [];
    root.dataset.heard = [...log, call.number].join(',');
    if (voiceBlocked) return;
    pending.push(call);
    void speakNext();
  }

  $('unmute').addEventListener('click', () => {
    voiceBlocked = false;
    $('unmute').hidden = true;
  });

  function connect() {
    const source = new EventSource(`/hall/display/stream?token=${encodeURIComponent(token)}`);
    source.addEventListener('open', () => {
      root.dataset.connected = 'true';
      $('offline').hidden = true;
    });
    source.addEventListener('error', () => {
      root.dataset.connected = 'false';
      $('offline').hidden = false;
    });
    source.addEventListener('board', (event) => {
      const board = JSON.parse(event.data);
      // Calls already on the board when the screen (re)connects are shown, not spoken again.
      if (root.dataset.ready !== 'true') for (const call of board.calls) announced.add(callKey(call));
      draw(board);
      root.dataset.ready = 'true';
    });
    source.addEventListener('call', (event) => announce(JSON.parse(event.data)));
  }

  tick();
  setInterval(tick, 1000);
  connect();
})();
