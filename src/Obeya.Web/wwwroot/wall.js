// The wall screen: a statically rendered page kept current over the live channel (/hubs/boards). No framework and
// no Blazor circuit, because a TV keeps this page open for months. Changes arrive as pushes; the board itself is
// always fetched as a server-rendered fragment, so the page never needs to know how to draw a board.
(() => {
    "use strict";

    const body = document.body;
    const status = document.getElementById("wall-status");
    const main = document.getElementById("wall-board");
    // The token is the second path segment of /wall/{token}; it is sent only to this server.
    const token = decodeURIComponent(location.pathname.split("/")[2] || "");

    const lastSequence = new Map(); // board name -> the global sequence its shown fragment reflects
    let boards = [];                // the boards of this screen, in order, as JoinWall answered
    let rotateTimer = null;
    let retryTimer = null;
    let generation = 0;             // only the newest fetch may replace the board
    let joined = false;
    let fetchFailed = false;
    let gone = false;
    let connecting = false;
    let page = 0;                   // which page of the shown board: what does not fit on one screen is paged
    let rotateSeconds = null;
    const defaultRotateSeconds = 20; // pages turn even on a screen of one board
    const tv = window.matchMedia("(min-width: 901px)"); // narrower is no TV: everything in one scrolling column

    // Never gives up: a TV has nobody to press "retry". At most every ten seconds.
    const delay = attempt => Math.min(10000, 500 * 2 ** Math.min(attempt, 5));
    const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

    const connection = new signalR.HubConnectionBuilder()
        .withUrl("/hubs/boards")
        .withAutomaticReconnect({ nextRetryDelayInMilliseconds: context => delay(context.previousRetryCount) })
        .configureLogging(signalR.LogLevel.Warning)
        .build();

    function shownArticle() {
        return main.querySelector(".wall-board");
    }

    function shownIndex() {
        const article = shownArticle();
        return article ? Number(article.dataset.index) : 0;
    }

    function noteShown() {
        const article = shownArticle();
        if (article) {
            lastSequence.set(article.dataset.board, Number(article.dataset.sequence) || 0);
        }
    }

    const overflows = element => element.scrollHeight > element.clientHeight + 1;

    // Splits each list marked data-paged into pages of what fits in its panel, with everything else of the panel
    // shown. A panel whose own text does not fit is set a step smaller rather than cut off.
    function layOut(article) {
        const lists = [...article.querySelectorAll("[data-paged]")];
        const pageSets = lists.map(list => {
            const panel = list.closest(".wall-panel");
            const items = [...list.children];
            items.forEach(item => { item.hidden = false; });
            if (!tv.matches || !panel) {
                return [[0, items.length]];
            }

            const pages = [];
            let start = 0;
            while (start < items.length) {
                items.forEach((item, i) => { item.hidden = i !== start; });
                let end = start + 1;
                while (end < items.length) {
                    items[end].hidden = false;
                    if (overflows(panel)) {
                        items[end].hidden = true;
                        break;
                    }

                    end++;
                }

                pages.push([start, end]);
                start = end;
            }

            return pages.length > 0 ? pages : [[0, 0]];
        });
        article.wallPages = { lists, pageSets };
        for (const panel of article.querySelectorAll(".wall-panel")) {
            panel.classList.remove("wall-smaller");
        }

        const count = Math.max(1, ...pageSets.map(pages => pages.length));
        article.dataset.pages = String(count);
        showPage(article, Math.min(page, count - 1));
    }

    // The page says its words in the screen's language ("({0} van {1})"); the script only fills in the numbers.
    function pageOf(words, shown, count) {
        return words.replace("{0}", String(shown)).replace("{1}", String(count));
    }

    function showPage(article, wanted) {
        const { lists, pageSets } = article.wallPages;
        const count = Number(article.dataset.pages) || 1;
        page = ((wanted % count) + count) % count;
        article.dataset.page = String(page);
        lists.forEach((list, n) => {
            const pages = pageSets[n];
            const [start, end] = pages[Math.min(page, pages.length - 1)];
            [...list.children].forEach((item, i) => { item.hidden = i < start || i >= end; });
            const label = list.closest(".wall-panel")?.querySelector(".wall-page");
            if (label) {
                label.textContent = pages.length > 1 ? pageOf(body.dataset.panelPages, Math.min(page, pages.length - 1) + 1, pages.length) : "";
            }
        });
        const pagesLabel = article.querySelector(".wall-pages");
        if (pagesLabel) {
            pagesLabel.textContent = count > 1 ? ` · ${pageOf(body.dataset.boardPages, page + 1, count)}` : "";
        }

        if (tv.matches) {
            for (const panel of article.querySelectorAll(".wall-panel")) {
                panel.classList.toggle("wall-smaller", overflows(panel));
            }
        }
    }

    // The next page of this board, else the next board; the rotation and a remote's arrow keys both come here.
    function turn(step) {
        const article = shownArticle();
        const count = article ? Number(article.dataset.pages) || 1 : 1;
        const next = page + step;
        if (article && next >= 0 && next < count) {
            showPage(article, next);
        } else if (boards.length > 1) {
            page = step > 0 ? 0 : Number.MAX_SAFE_INTEGER;
            fetchBoard((shownIndex() + step + boards.length) % boards.length);
        } else if (article) {
            showPage(article, step > 0 ? 0 : count - 1);
        }
    }

    function updateStatus() {
        status.textContent = !gone && (!joined || fetchFailed) ? body.dataset.offline : "";
        // Says on the page itself whether it is current, for whoever checks the screen (and for the browser tests).
        body.classList.toggle("wall-live", !gone && joined && !fetchFailed);
    }

    function showGone() {
        if (gone) {
            return;
        }

        gone = true;
        clearInterval(rotateTimer);
        clearTimeout(retryTimer);
        main.replaceChildren(document.getElementById("wall-gone").content.cloneNode(true));
        updateStatus();
        connection.stop();
    }

    async function fetchBoard(index) {
        const mine = ++generation;
        clearTimeout(retryTimer);
        try {
            const response = await fetch(`/wall/${encodeURIComponent(token)}/boards/${index}`,
                { cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer" });
            if (response.status === 404) {
                showGone();
                return;
            }

            if (!response.ok) {
                throw new Error(`HTTP ${response.status}`);
            }

            const html = await response.text();
            if (gone || mine !== generation) {
                return;
            }

            main.innerHTML = html;
            layOut(shownArticle());
            noteShown();
            fetchFailed = false;
        } catch {
            if (gone || mine !== generation) {
                return;
            }

            // The old board stays up, marked as not current, and the fetch is tried again.
            fetchFailed = true;
            retryTimer = setTimeout(() => fetchBoard(index), 5000);
        }

        updateStatus();
    }

    function rotate(seconds) {
        rotateSeconds = seconds;
        clearInterval(rotateTimer);
        rotateTimer = setInterval(() => turn(1), (seconds || defaultRotateSeconds) * 1000);
    }

    // Joins the screen's boards, then asks what the shown board missed while this page was not listening.
    // Only the shown board matters: any other is fetched fresh when the rotation reaches it.
    async function joinAndCatchUp() {
        let answer;
        try {
            answer = await connection.invoke("JoinWall", token);
        } catch (error) {
            if (String(error && error.message).includes(body.dataset.refused)) {
                showGone();
                return;
            }

            throw error;
        }

        boards = answer.boards;
        joined = true;
        updateStatus();
        rotate(answer.rotateSeconds);

        const article = shownArticle();
        if (!article || !lastSequence.has(article.dataset.board)) {
            await fetchBoard(shownIndex());
            return;
        }

        const missed = await connection.invoke("Since", article.dataset.board, lastSequence.get(article.dataset.board));
        if (missed.reload || missed.changes.length > 0) {
            await fetchBoard(Number(article.dataset.index));
        }
    }

    // Starting is retried here; once started, withAutomaticReconnect takes over.
    async function connect() {
        if (connecting || gone) {
            return;
        }

        connecting = true;
        try {
            for (let attempt = 0; !gone; attempt++) {
                try {
                    await connection.start();
                    await joinAndCatchUp();
                    return;
                } catch {
                    joined = false;
                    updateStatus();
                    if (connection.state !== signalR.HubConnectionState.Disconnected) {
                        await connection.stop().catch(() => { });
                    }

                    await sleep(delay(attempt));
                }
            }
        } finally {
            connecting = false;
        }
    }

    connection.on("changed", change => {
        if (gone) {
            return;
        }

        if (change.type === "WallScreenRevoked") {
            showGone();
            return;
        }

        const article = shownArticle();
        // A programme's wall also hears "a track below changed" (obeya:{track}) and refetches itself.
        const concerns = article && (change.board === article.dataset.board
            || (change.board.startsWith("obeya:") && article.dataset.board.startsWith("programme:")));
        if (concerns && change.sequence > (lastSequence.get(article.dataset.board) || 0)) {
            fetchBoard(Number(article.dataset.index));
        }
    });

    // Several nodes: after Redis was away, the server says changes may have been missed; catch up by sequence.
    connection.on("resync", () => {
        const article = shownArticle();
        if (gone || !joined || !article || !lastSequence.has(article.dataset.board)) {
            return;
        }

        connection.invoke("Since", article.dataset.board, lastSequence.get(article.dataset.board))
            .then(missed => {
                if (missed.reload || missed.changes.length > 0) {
                    fetchBoard(Number(article.dataset.index));
                }
            })
            .catch(() => { });
    });

    connection.onreconnecting(() => {
        joined = false;
        updateStatus();
    });

    connection.onreconnected(() => {
        // A failed rejoin drops the connection, and onclose starts over.
        joinAndCatchUp().catch(() => connection.stop());
    });

    connection.onclose(() => {
        joined = false;
        updateStatus();
        connect();
    });

    document.addEventListener("keydown", event => {
        const step = { ArrowRight: 1, PageDown: 1, " ": 1, ArrowLeft: -1, PageUp: -1 }[event.key];
        if (step && !gone) {
            event.preventDefault();
            turn(step);
            rotate(rotateSeconds); // a page turned by hand stays up a full turn
        }
    });

    let resizing = null;
    window.addEventListener("resize", () => {
        clearTimeout(resizing);
        resizing = setTimeout(() => { if (shownArticle()) { layOut(shownArticle()); } }, 200);
    });

    if (shownArticle()) {
        layOut(shownArticle());
    }

    noteShown();
    connect();
})();
