/** One credit on a generated statement. */
export interface CamtCredit {
  /** AcctSvcrRef: the bank's reference of the entry (a statement imports each once). */
  ref: string;
  amountCents: number;
  payer: string;
  payerIban: string;
  remittance: string;
}

const euros = (cents: number) => (cents / 100).toFixed(2);

/**
 * A CAMT.053.001.08 bank-to-customer statement of `accountIban` on `date` with the given credit
 * entries, as a German bank exports it (opening balance 1,000.00 €, closing balance = opening + credits).
 */
export function camt053(
  statementId: string,
  accountIban: string,
  date: string,
  credits: CamtCredit[],
): string {
  const sum = credits.reduce((s, c) => s + c.amountCents, 0);
  const entries = credits
    .map(
      (c) => `
      <Ntry>
        <NtryRef>${c.ref}</NtryRef>
        <Amt Ccy="EUR">${euros(c.amountCents)}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Sts><Cd>BOOK</Cd></Sts>
        <BookgDt><Dt>${date}</Dt></BookgDt>
        <ValDt><Dt>${date}</Dt></ValDt>
        <AcctSvcrRef>${c.ref}</AcctSvcrRef>
        <BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>
        <NtryDtls>
          <TxDtls>
            <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
            <Amt Ccy="EUR">${euros(c.amountCents)}</Amt>
            <CdtDbtInd>CRDT</CdtDbtInd>
            <RltdPties>
              <Dbtr><Pty><Nm>${c.payer}</Nm></Pty></Dbtr>
              <DbtrAcct><Id><IBAN>${c.payerIban}</IBAN></Id></DbtrAcct>
            </RltdPties>
            <RmtInf><Ustrd>${c.remittance}</Ustrd></RmtInf>
          </TxDtls>
        </NtryDtls>
      </Ntry>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">
  <BkToCstmrStmt>
    <GrpHdr>
      <MsgId>MSG-${statementId}</MsgId>
      <CreDtTm>${date}T08:00:00</CreDtTm>
    </GrpHdr>
    <Stmt>
      <Id>${statementId}</Id>
      <ElctrncSeqNb>1</ElctrncSeqNb>
      <CreDtTm>${date}T08:00:00</CreDtTm>
      <Acct>
        <Id><IBAN>${accountIban}</IBAN></Id>
        <Ccy>EUR</Ccy>
      </Acct>
      <Bal>
        <Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">1000.00</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>${date}</Dt></Dt>
      </Bal>
      <Bal>
        <Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp>
        <Amt Ccy="EUR">${euros(100_000 + sum)}</Amt>
        <CdtDbtInd>CRDT</CdtDbtInd>
        <Dt><Dt>${date}</Dt></Dt>
      </Bal>${entries}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}
