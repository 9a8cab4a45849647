// Chart.js (window.Chart, served from vendor/) wrappers for the dashboard's charts. Time axes are Chart.js time scales
// (the date-fns adapter, also in vendor/): points sit at their dates, so four weeks are wider than four days.
import { tierColors } from "./format.js";

const live = new Set();

/** Destroys the charts of the previous view (each view draws fresh ones). */
export function clearCharts() {
  for (const c of live) c.destroy();
  live.clear();
}

function make(canvas, config) {
  const chart = new window.Chart(canvas, config);
  live.add(chart);
  return chart;
}

const tiers = ["Red", "Yellow", "Green", "Unscored"];

/** A time x axis over days: points placed by date, ticks labelled like Nov 23. */
const dayAxis = (extra = {}) => ({ type: "time", time: { unit: "day", tooltipFormat: "yyyy-MM-dd", displayFormats: { day: "MMM d" } }, ticks: { maxTicksLimit: 10, source: "auto" }, ...extra });

/** Tier counts per day (stacked bars) with the average score (line, right axis). */
export function trendChart(canvas, days) {
  return make(canvas, {
    data: {
      datasets: [
        ...tiers.map((t) => ({ type: "bar", label: t, data: days.map((d) => ({ x: d.day, y: d[t.toLowerCase()] })), backgroundColor: tierColors[t], stack: "tiers", yAxisID: "y" })),
        { type: "line", label: "Average score", data: days.map((d) => ({ x: d.day, y: d.averageScore })), borderColor: "#1d4ed8", backgroundColor: "#1d4ed8", yAxisID: "score", tension: 0.2, pointRadius: 2 },
      ],
    },
    options: {
      maintainAspectRatio: false, animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        x: dayAxis({ stacked: true, offset: true }),
        y: { stacked: true, title: { display: true, text: "accounts" } },
        score: { position: "right", min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: "average score" } },
      },
    },
  });
}

/** Accounts by segment, stacked by tier; a click on a bar calls onPick(segment, tier). */
export function segmentChart(canvas, bySegmentTier, onPick) {
  const segments = Object.keys(bySegmentTier);
  return make(canvas, {
    type: "bar",
    data: { labels: segments, datasets: tiers.map((t) => ({ label: t, data: segments.map((s) => bySegmentTier[s][t] ?? 0), backgroundColor: tierColors[t] })) },
    options: {
      indexAxis: "y", maintainAspectRatio: false, animation: false,
      scales: { x: { stacked: true }, y: { stacked: true } },
      onClick: (_, elements) => { if (elements.length) onPick(segments[elements[0].index], tiers[elements[0].datasetIndex]); },
    },
  });
}

// Draws the tier bands (Red below yellowFrom, Yellow up to greenFrom, Green above) behind the score line.
const tierBands = {
  id: "tierBands",
  beforeDatasetsDraw(chart, _, options) {
    const { ctx, chartArea: area, scales: { y } } = chart;
    const bands = [[0, options.yellowFrom, "rgba(198,40,40,0.08)"], [options.yellowFrom, options.greenFrom, "rgba(224,161,0,0.10)"], [options.greenFrom, 100, "rgba(46,125,50,0.08)"]];
    ctx.save();
    for (const [from, to, color] of bands) {
      const top = y.getPixelForValue(to), bottom = y.getPixelForValue(from);
      ctx.fillStyle = color;
      ctx.fillRect(area.left, top, area.right - area.left, bottom - top);
    }
    ctx.restore();
  },
};

/** An account's daily score over its tier bands; the days the tier changed are larger points in the new tier's colour. */
export function timelineChart(canvas, rows, tierPolicy) {
  const changed = rows.map((r, i) => i > 0 && r.tier !== rows[i - 1].tier);
  return make(canvas, {
    type: "line",
    data: {
      datasets: [{
        label: "Score", data: rows.map((r) => ({ x: r.day, y: r.score ?? null })), borderColor: "#1f2933", spanGaps: true, tension: 0.15,
        pointRadius: changed.map((c) => (c ? 6 : 2)),
        pointBackgroundColor: rows.map((r) => tierColors[r.tier ?? "Unscored"]),
        pointBorderColor: rows.map((r) => tierColors[r.tier ?? "Unscored"]),
      }],
    },
    options: {
      maintainAspectRatio: false, animation: false,
      scales: { y: { min: 0, max: 100 }, x: dayAxis() },
      plugins: {
        legend: { display: false },
        tierBands: { yellowFrom: tierPolicy.yellowFrom, greenFrom: tierPolicy.greenFrom },
        tooltip: { callbacks: { afterLabel: (item) => `${rows[item.dataIndex].tier ?? "Unscored"}${changed[item.dataIndex] ? " (tier changed)" : ""}` } },
      },
    },
    plugins: [tierBands],
  });
}
