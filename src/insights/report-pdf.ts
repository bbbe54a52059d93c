// A programme's outcome report as a PDF for sponsors: the same figures as the screen (small
// groups hidden), each with its plain reading, n, method and what it cannot show, and the
// survival curves drawn with their 95% bands.
import PDFDocument from 'pdfkit';
import type { learningReport, qualityReport, retentionReport } from './reports.js';
import type { skillsReport } from './skills-report.js';

type Retention = Awaited<ReturnType<typeof retentionReport>>;
type Learning = Awaited<ReturnType<typeof learningReport>>;
type Quality = Awaited<ReturnType<typeof qualityReport>>;
type Skills = Awaited<ReturnType<typeof skillsReport>>;
type Points = { day: number; survival: number; lower: number | null; upper: number | null }[];

const n2 = (x: number | null) => (x === null ? '–' : x.toFixed(2));
const hidden = (reason: string, k: number) =>
  reason === 'too_few_people'
    ? `Hidden: fewer than ${k} people are behind it.`
    : reason === 'protects_a_smaller_group'
      ? 'Hidden: it would let a smaller group be worked out by subtraction.'
      : reason === 'not_started'
        ? 'Not yet: the programme has not started.'
        : 'Shown to programme managers only.';

function note(doc: PDFKit.PDFDocument, text: string) {
  doc.font('Helvetica').fontSize(8.5).fillColor('#555555').text(text).moveDown(0.4).fillColor('#000000');
}

function heading(doc: PDFKit.PDFDocument, text: string) {
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(13).fillColor('#1f4e79').text(text).fillColor('#000000');
  doc.moveDown(0.3);
}

function body(doc: PDFKit.PDFDocument, text: string) {
  doc.font('Helvetica').fontSize(10.5).text(text).moveDown(0.4);
}

/** Step curves with shaded bands, survival from the lowest band value up to 100%. */
function curves(doc: PDFKit.PDFDocument, series: { points: Points; colour: string; label: string }[]) {
  const x0 = doc.page.margins.left + 30;
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right - 40;
  const height = 170;
  const y0 = doc.y + 5;
  const days = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.day)));
  const floor = Math.max(
    0,
    Math.floor(Math.min(...series.flatMap((s) => s.points.map((p) => p.lower ?? p.survival))) * 10) / 10,
  );
  const x = (d: number) => x0 + (d / days) * width;
  const y = (s: number) => y0 + height - ((s - floor) / (1 - floor)) * height;
  doc.lineWidth(0.5).strokeColor('#999999').rect(x0, y0, width, height).stroke();
  doc.font('Helvetica').fontSize(7.5).fillColor('#333333');
  for (let s = floor; s <= 1.0001; s += (1 - floor) / 4)
    doc.text(`${Math.round(s * 100)}%`, x0 - 30, y(s) - 4, { width: 26, align: 'right' });
  for (let m = 0; m * 30.44 <= days; m += 3)
    doc.text(`${m}`, x(m * 30.44) - 10, y0 + height + 3, { width: 20, align: 'center' });
  doc.text('months since the programme began', x0, y0 + height + 14, { width, align: 'center' });
  for (const s of series) {
    const pts = s.points;
    // Band: upper edge forwards, lower edge back.
    doc.save().fillColor(s.colour).fillOpacity(0.18);
    doc.moveTo(x(pts[0]?.day ?? 0), y(pts[0]?.upper ?? 1));
    for (let i = 1; i < pts.length; i++) {
      const p = pts[i] as Points[number];
      doc
        .lineTo(x(p.day), y((pts[i - 1] as Points[number]).upper ?? 1))
        .lineTo(x(p.day), y(p.upper ?? p.survival));
    }
    for (let i = pts.length - 1; i > 0; i--) {
      const p = pts[i] as Points[number];
      doc
        .lineTo(x(p.day), y(p.lower ?? p.survival))
        .lineTo(x(p.day), y((pts[i - 1] as Points[number]).lower ?? 1));
    }
    doc.closePath().fill().restore();
    doc.save().strokeColor(s.colour).lineWidth(1.6).moveTo(x(0), y(1));
    for (let i = 1; i < pts.length; i++) {
      const p = pts[i] as Points[number];
      doc.lineTo(x(p.day), y((pts[i - 1] as Points[number]).survival)).lineTo(x(p.day), y(p.survival));
    }
    doc.stroke().restore();
  }
  let lx = x0;
  for (const s of series) {
    doc
      .save()
      .fillColor(s.colour)
      .rect(lx, y0 + height + 28, 10, 6)
      .fill()
      .restore();
    doc
      .fillColor('#000000')
      .fontSize(8.5)
      .text(s.label, lx + 14, y0 + height + 27);
    lx += 180;
  }
  doc.x = doc.page.margins.left;
  doc.y = y0 + height + 44;
}

/** Retention or promotions: the reading, the matching and the curves with their bands. */
function followUp(doc: PDFKit.PDFDocument, t: Retention, k: number, curveLabel: string) {
  if (!t.shown) body(doc, 'note' in t && t.note ? t.note : hidden(t.reason, k));
  else {
    body(doc, t.hazardRatio.reading);
    body(
      doc,
      `${t.matching.participants.matched} of ${t.matching.participants.total} participants and ${t.matching.others.matched} of ${t.matching.others.total} others matched; followed from ${t.origin} to ${t.asOf}. Log-rank chi-square ${n2(t.logRank.chiSquare)}, p = ${t.logRank.p}. ${t.unadjusted.reading}`,
    );
    note(doc, curveLabel);
    curves(doc, [
      { points: t.curves.others.points, colour: '#c2571a', label: 'Matched colleagues (95% band)' },
      { points: t.curves.participants.points, colour: '#1f4e79', label: 'Participants (95% band)' },
    ]);
  }
  note(doc, `n = ${t.shown ? t.n : '–'}. Method: ${t.method}. What it cannot show: ${t.caveat}`);
}

const label = (row: object, dimension: string) =>
  String((row as Record<string, unknown>)[dimension] ?? '(none)');

function skills(doc: PDFKit.PDFDocument, s: Skills, k: number) {
  const h = s.headline;
  body(doc, h.shown ? h.reading : `${h.who}: ${hidden(h.reason, k)}`);
  for (const stage of ['midpoint', 'closing'] as const) {
    const v = s[stage];
    const rows = [
      ['Overall', v.overall] as const,
      ...v.bySide.map((x) => [`Side: ${label(x, 'side')}`, x] as const),
      ...v.byCategory.map((x) => [`Category: ${label(x, 'category').replaceAll('_', ' ')}`, x] as const),
      ...v.byTopic.map((x) => [`Topic: ${label(x, 'topic')}`, x] as const),
    ];
    if (!v.overall.shown && rows.length <= 1) continue;
    doc.font('Helvetica-Bold').fontSize(10).text(`Enrolment to ${stage}`);
    for (const [name, c] of rows)
      doc
        .font('Helvetica')
        .fontSize(9.5)
        .text(
          c.shown
            ? `${name}: ${n2(c.before)} to ${n2(c.after)}, uplift ${n2(c.uplift)} (95% interval ${n2(c.lower)} to ${n2(c.upper)}), ${c.people} people`
            : `${name}: ${hidden(c.reason, k)}`,
        );
    doc.moveDown(0.3);
  }
  note(doc, `Method: ${s.method}. What it cannot show: ${s.caveat}`);
}

/** Renders the reports into one PDF. */
export function reportPdf(
  programmeName: string,
  r: { retention: Retention; promotions: Retention; skills: Skills; learning: Learning; quality: Quality },
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${programmeName}: outcome report` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const k = r.retention.minimumGroupSize;
  doc.font('Helvetica-Bold').fontSize(18).text(programmeName);
  note(doc, `Outcome report. No figure covers fewer than ${k} people; hidden figures say why.`);

  heading(doc, 'Retention against comparable colleagues');
  followUp(doc, r.retention, k, 'Share still employed, months since the programme began.');
  heading(doc, 'Skills before and after (self-assessed)');
  skills(doc, r.skills, k);
  heading(doc, 'Promotions against comparable colleagues');
  followUp(doc, r.promotions, k, 'Share not yet promoted, months since the programme began.');

  heading(doc, 'Learning in both directions');
  const l = r.learning;
  if (!l.total.shown) body(doc, `No learning figures. ${hidden(l.total.reason, k)}`);
  else {
    body(doc, `${l.total.people} people wrote ${l.total.entries} learning-log entries.`);
    for (const [title, rows, dim] of [
      ['By direction', l.byDirection, 'direction'],
      ['By topic', l.byTopic, 'topic'],
      ['Leaders learned, by topic', l.upward.byTopic, 'topic'],
    ] as const) {
      doc.font('Helvetica-Bold').fontSize(10).text(title);
      for (const row of rows) {
        const label = String((row as Record<string, unknown>)[dim] ?? '(none)');
        doc
          .font('Helvetica')
          .fontSize(9.5)
          .text(
            row.shown
              ? `${label}: ${row.entries} entries by ${row.people} people`
              : `${label}: ${hidden(row.reason, k)}`,
          );
      }
      doc.moveDown(0.3);
    }
  }
  if (l.reciprocity)
    body(
      doc,
      l.reciprocity.shown
        ? `Reciprocity index ${n2(l.reciprocity.estimate)} (95% interval ${n2(l.reciprocity.lower)} to ${n2(l.reciprocity.upper)}, ${l.reciprocity.n} relationships).`
        : `Reciprocity index: ${hidden(l.reciprocity.reason, k)}`,
    );
  note(doc, `Method: ${l.method}. What it cannot show: ${l.caveat}`);

  heading(doc, 'Relationship quality');
  const q = r.quality;
  if (!q.overall.shown) body(doc, `No quality figures. ${hidden(q.overall.reason, k)}`);
  else {
    body(
      doc,
      `Value ${q.overall.value.mean} of 5 (95% interval ${q.overall.value.lower} to ${q.overall.value.upper}); felt heard ${q.overall.heard.mean}; talk balanced in ${Math.round(q.overall.balancedShare * 100)}% of ${q.overall.answers} answers by ${q.overall.people} people.`,
    );
    for (const m of q.byMonth) {
      const label = String((m as Record<string, unknown>).month ?? '');
      doc
        .font('Helvetica')
        .fontSize(9.5)
        .text(
          m.shown
            ? `${label}: value ${m.value.mean}, felt heard ${m.heard.mean} (${m.answers} answers)`
            : `${label}: ${hidden(m.reason, k)}`,
        );
    }
  }
  note(doc, `Method: ${q.method}. What it cannot show: ${q.caveat}`);
  doc.end();
  return done;
}
