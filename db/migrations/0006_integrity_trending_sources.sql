CREATE TABLE "integrity_trending_sources" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"petition_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"signatures" integer NOT NULL,
	"alert_at" integer NOT NULL,
	"alerted" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "integrity_trending_sources_once" UNIQUE("petition_id","kind","key","window_start")
);
--> statement-breakpoint
ALTER TABLE "integrity_trending_sources" ADD CONSTRAINT "integrity_trending_sources_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "integrity_trending_sources_window_idx" ON "integrity_trending_sources" USING btree ("window_start");