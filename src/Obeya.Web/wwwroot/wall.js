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
        clearInterval(rotateTimer);
        if (seconds && boards.length > 1) {
            rotateTimer = setInterval(() => fetchBoard((shownIndex() + 1) % boards.length), seconds * 1000);
        }
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

    noteShown();
    connect();
})();
