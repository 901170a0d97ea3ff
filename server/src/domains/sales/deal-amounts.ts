/** Deal line arithmetic lives in contracts/ so the web app's live totals match the stored amounts. */
export {
  type LineFigures,
  lineFigures,
  lineNetCents,
  sumNetCents,
  toBasisPoints,
  toMilli,
  weightedCents,
  weightedFromX100,
} from '../../../../contracts/deal-amounts';
