/**
 * A report's photos as thumbnails, each linking to the full photo (the public photo routes; a
 * report's photos carry no personal data, they were re-encoded without metadata on upload).
 */
export function ReportPhotoList({ number, photos, alt, testId }: { number: string; photos: readonly { id: string }[]; alt: (index: number) => string; testId: string }) {
  return (
    <ul className="report-photos" data-testid={testId}>
      {photos.map((p, i) => (
        <li key={p.id}>
          <a href={`/reports/${number}/photos/${p.id}`}>
            <img src={`/reports/${number}/photos/${p.id}/thumb`} alt={alt(i)} loading="lazy" />
          </a>
        </li>
      ))}
    </ul>
  );
}
