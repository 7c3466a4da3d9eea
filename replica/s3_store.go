package replica

import (
	"context"
	"fmt"
	"os"
	"path"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// s3Store keeps media files as objects under a prefix of a bucket.
type s3Store struct {
	client *s3.Client
	bucket string
	prefix string
}

func newS3Store(set S3Settings, region, bucket, prefix string) (*s3Store, error) {
	o := s3.Options{Region: region}
	if set.AccessKeyID != "" {
		o.Credentials = credentials.NewStaticCredentialsProvider(set.AccessKeyID, set.SecretAccessKey, "")
	} else {
		// No keys given: the SDK's own chain (instance roles, shared config files).
		cfg, err := config.LoadDefaultConfig(context.Background(), config.WithRegion(region))
		if err != nil {
			return nil, fmt.Errorf("s3 replica: %w", err)
		}
		o = s3.Options{Region: region, Credentials: cfg.Credentials}
	}
	if set.Endpoint != "" {
		o.BaseEndpoint = aws.String(set.Endpoint)
		o.UsePathStyle = true
	}
	// Checksums only where the API demands them: many S3-compatible stores reject the newer
	// streaming checksums.
	o.RequestChecksumCalculation = aws.RequestChecksumCalculationWhenRequired
	o.ResponseChecksumValidation = aws.ResponseChecksumValidationWhenRequired
	return &s3Store{client: s3.New(o), bucket: bucket, prefix: prefix}, nil
}

func (s *s3Store) key(name string) string { return path.Join(s.prefix, name) }

func (s *s3Store) List(ctx context.Context) (map[string]bool, error) {
	out := map[string]bool{}
	p := s3.NewListObjectsV2Paginator(s.client, &s3.ListObjectsV2Input{Bucket: aws.String(s.bucket), Prefix: aws.String(s.prefix + "/")})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return nil, fmt.Errorf("list s3://%s/%s: %w", s.bucket, s.prefix, err)
		}
		for _, o := range page.Contents {
			out[strings.TrimPrefix(aws.ToString(o.Key), s.prefix+"/")] = true
		}
	}
	return out, nil
}

func (s *s3Store) Put(ctx context.Context, name, src string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	_, err = s.client.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(s.key(name)),
		Body: f, ContentLength: aws.Int64(st.Size())})
	if err != nil {
		return fmt.Errorf("upload %s: %w", name, err)
	}
	return nil
}

func (s *s3Store) Fetch(ctx context.Context, name, dst string) error {
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(s.key(name))})
	if err != nil {
		return fmt.Errorf("download %s: %w", name, err)
	}
	defer out.Body.Close()
	return writeAtomically(out.Body, dst)
}
