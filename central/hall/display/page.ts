import { html, trusted, type SafeHtml } from '../../approver/html';

/**
 * The hall display: a page for the hall's TV, read from 10 m (the called number in type a fifth of
 * the screen high, everything else at least 4 % of it). Dark, high contrast, no personal data; the
 * script (display.js) fills it from the push channel.
 */
const style = trusted(`
  * { box-sizing: border-box; margin: 0; padding: 0; }
  html, body { height: 100%; }
  body { background: #0b1f33; color: #f5f7fa; font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif;
    display: grid; grid-template-rows: auto 1fr auto; overflow: hidden; }
  header { display: flex; align-items: baseline; gap: 3vw; padding: 1.5vh 3vw; background: #0f2d4d; }
  header h1 { font-size: 4.2vh; font-weight: 700; flex: 1; }
  #date { font-size: 3.2vh; color: #c9d6e3; }
  #clock { font-size: 5vh; font-variant-numeric: tabular-nums; font-weight: 700; }
  main { display: grid; grid-template-columns: 1.45fr 1fr; gap: 2vw; padding: 2vh 3vw; min-height: 0; }
  section { background: #12365c; border-radius: 1.2vh; padding: 2vh 2vw; min-height: 0; overflow: hidden; }
  h2 { font-size: 3.4vh; color: #ffd666; font-weight: 700; margin-bottom: 1.2vh; }
  .now { display: grid; grid-template-rows: auto 1fr auto auto; text-align: center; }
  #now-number { font-size: 22vh; line-height: 1; font-weight: 800; color: #ffffff; letter-spacing: 0.04em;
    align-self: center; font-variant-numeric: tabular-nums; }
  #now-window { font-size: 7vh; font-weight: 700; color: #ffd666; }
  ul { list-style: none; }
  li { display: flex; justify-content: space-between; align-items: baseline; font-size: 4.4vh; line-height: 1.32;
    border-bottom: 0.15vh solid #24527f; }
  li:last-child { border-bottom: none; }
  .num { font-weight: 800; font-variant-numeric: tabular-nums; }
  .win { color: #d6e4f0; }
  .side { display: grid; grid-template-rows: auto 1fr; gap: 2vh; min-height: 0; padding: 0; background: none; }
  #windows { display: grid; grid-template-columns: repeat(auto-fill, minmax(14vw, 1fr)); column-gap: 2vw; }
  #windows li { font-size: 3.6vh; }
  .side section { min-height: 0; }
  footer { display: flex; gap: 2vw; padding: 1.5vh 3vw 2vh; background: #0f2d4d; }
  footer h2 { margin: 0; align-self: center; white-space: nowrap; }
  #queues { display: flex; gap: 2vw; flex-wrap: wrap; flex: 1; }
  #queues li { border: none; gap: 1vw; font-size: 3.6vh; }
  #queues .letter { background: #ffd666; color: #0b1f33; border-radius: 0.6vh; padding: 0 1vh; font-weight: 800; }
  #queues .waiting { color: #ffd666; font-weight: 700; }
  #speaking { min-height: 4.4vh; font-size: 3.2vh; color: #c9d6e3; margin-top: 1vh; }
  #offline { position: fixed; top: 0; left: 0; right: 0; background: #a8071a; color: #fff; text-align: center;
    font-size: 3.4vh; padding: 1vh; }
  #unmute { position: fixed; right: 2vw; bottom: 12vh; font-size: 3vh; padding: 1vh 2vw; border-radius: 1vh;
    border: none; background: #ffd666; color: #0b1f33; font-weight: 700; cursor: pointer; }
`);

/** The CSP of the display and follow pages: our own script, styles inline in the page, nothing from elsewhere. */
export const displayCsp =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; media-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function displayPage(options: { hallName: string; timeZone: string }): SafeHtml {
  return html`<!doctype html>
    <html lang="zh-CN" data-time-zone="${options.timeZone}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.hallName} · 叫号显示</title>
        <style>
          ${style}
        </style>
      </head>
      <body>
        <header>
          <h1 id="hall">${options.hallName}</h1>
          <span id="date"></span>
          <span id="clock" aria-label="时间"></span>
        </header>
        <main>
          <section class="now" aria-labelledby="now-title">
            <h2 id="now-title">正在呼叫</h2>
            <div id="now-number" data-testid="now-number">—</div>
            <div id="now-window">请留意叫号</div>
            <p id="speaking" aria-live="polite"></p>
          </section>
          <div class="side">
            <section aria-labelledby="calls-title">
              <h2 id="calls-title">最近呼叫</h2>
              <ul id="calls" data-testid="calls"></ul>
            </section>
            <section aria-labelledby="windows-title">
              <h2 id="windows-title">窗口当前号</h2>
              <ul id="windows" data-testid="windows"></ul>
            </section>
          </div>
        </main>
        <footer>
          <h2>等候人数</h2>
          <ul id="queues" data-testid="queues"></ul>
        </footer>
        <p id="offline" role="alert" hidden>与大厅服务的连接中断，正在自动重连…</p>
        <button id="unmute" type="button" hidden>点击开启语音播报</button>
        <script src="/hall/display/display.js"></script>
      </body>
    </html>`;
}
