CREATE TABLE "category_projects" (
	"category_code" text NOT NULL,
	"project_code" text NOT NULL,
	CONSTRAINT "category_projects_category_code_project_code_pk" PRIMARY KEY("category_code","project_code")
);
--> statement-breakpoint
CREATE TABLE "follows" (
	"account_id" uuid NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follows_account_id_subject_type_subject_id_pk" PRIMARY KEY("account_id","subject_type","subject_id")
);
--> statement-breakpoint
CREATE TABLE "petition_project_links" (
	"petition_id" uuid NOT NULL,
	"project_code" text NOT NULL,
	"status" text NOT NULL,
	"origin" text NOT NULL,
	"score" real,
	"explanation" jsonb,
	"version_id" uuid,
	"suggested_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"note" text,
	CONSTRAINT "petition_project_links_petition_id_project_code_pk" PRIMARY KEY("petition_id","project_code"),
	CONSTRAINT "petition_project_links_status_check" CHECK ("petition_project_links"."status" in ('suggested', 'confirmed', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "project_indicators" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"project_code" text NOT NULL,
	"name_kk" text NOT NULL,
	"name_ru" text NOT NULL,
	"name_en" text NOT NULL,
	"unit" text,
	"baseline" real,
	"baseline_year" integer,
	"target" real,
	"target_year" integer,
	"current_value" real,
	"current_as_of" date,
	"source" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "category_projects" ADD CONSTRAINT "category_projects_project_code_national_projects_code_fk" FOREIGN KEY ("project_code") REFERENCES "public"."national_projects"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_project_links" ADD CONSTRAINT "petition_project_links_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_project_links" ADD CONSTRAINT "petition_project_links_project_code_national_projects_code_fk" FOREIGN KEY ("project_code") REFERENCES "public"."national_projects"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_indicators" ADD CONSTRAINT "project_indicators_project_code_national_projects_code_fk" FOREIGN KEY ("project_code") REFERENCES "public"."national_projects"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follows_subject_idx" ON "follows" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "petition_project_links_project_idx" ON "petition_project_links" USING btree ("project_code","status");--> statement-breakpoint
CREATE INDEX "project_indicators_project_idx" ON "project_indicators" USING btree ("project_code");