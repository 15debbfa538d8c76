import { chromium, type Browser } from 'playwright-core'

export interface PdfPrinter {
  print(html: string): Promise<Buffer>
  close(): Promise<void>
}

/**
 * Prints HTML to A4 PDF with the system Chromium (playwright-core drives it; no browser is
 * downloaded). One browser per printer, started on first use; each report gets a fresh page.
 */
export function createPdfPrinter(o: { executablePath: string }): PdfPrinter {
  let browser: Promise<Browser> | undefined
  return {
    async print(html) {
      browser ??= chromium.launch({ executablePath: o.executablePath, args: ['--disable-gpu'] })
      const page = await (await browser).newPage()
      try {
        await page.setContent(html, { waitUntil: 'load' })
        return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: true, headerTemplate: '<span></span>', footerTemplate: '<div style="font-size:7pt;width:100%;text-align:center;color:#555"><span class="pageNumber"></span> / <span class="totalPages"></span></div>' })
      } finally {
        await page.close()
      }
    },
    async close() {
      const b = browser
      browser = undefined
      if (b) await (await b).close()
    },
  }
}
